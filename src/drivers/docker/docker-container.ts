// A running container as the engine sees it: logs, exit, exec and listening sockets, behind ContainerHandle.
import type Docker from 'dockerode';
import { InterruptedError } from '../../errors.js';
import type { ExitInfo, ListeningSocket } from '../../model.js';
import type { ContainerHandle, Endpoint, ExecOptions, ExecResult } from '../driver.js';
import { stripAnsi } from '../../text/strip-ansi.js';
import { LogBuffer } from '../log-buffer.js';
import { parseListeningSockets } from '../proc-net-tcp.js';
import { raceDeadline } from '../../timing/race-deadline.js';
import { demuxInto } from './demux.js';
import { engineError } from './engine-errors.js';

const DOCKER_DNS = '127.0.0.11';
/** How long the last log frames may trail the exit code. */
const LOG_DRAIN_MS = 500;

export class DockerContainer implements ContainerHandle {
  readonly logs = new LogBuffer();
  readonly exited: Promise<ExitInfo>;
  private exit: ExitInfo | undefined;
  /** Resolves once every byte the container printed has reached `logs`. */
  readonly logsDrained: Promise<void>;

  private constructor(
    private readonly docker: Docker,
    private readonly container: Docker.Container,
    readonly id: string,
    readonly address: string,
    logStream: NodeJS.ReadableStream,
    private readonly published: ReadonlyMap<number, Endpoint> = new Map(),
  ) {
    this.logsDrained = demuxInto(docker, logStream, (text) => this.logs.append(text));
    this.exited = this.watchExit();
    // Nobody may be awaiting the exit (a healthy app); a rejected wait must not crash the process.
    this.exited.catch(() => undefined);
  }

  /**
   * Starts a created container, then follows its log from the very beginning beside the inspect that reads
   * its address: not one line is missed, and unlike an attach, following the log of a container that has
   * already exited returns its output and ends.
   */
  static async start(
    docker: Docker,
    container: Docker.Container,
    network: string,
    remoteHost?: string,
  ): Promise<DockerContainer> {
    try {
      await container.start();
      const [logStream, info] = await Promise.all([
        container.logs({ follow: true, stdout: true, stderr: true }) as Promise<NodeJS.ReadableStream>,
        container.inspect(),
      ]);
      const address = info.NetworkSettings.Networks[network]?.IPAddress ?? '';
      const published = new Map<number, Endpoint>();
      for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
        const hostPort = Number((bindings as { HostPort?: string }[] | null)?.[0]?.HostPort);
        if (remoteHost && Number.isInteger(hostPort) && hostPort > 0) {
          published.set(Number(key.split('/')[0]), { host: remoteHost, port: hostPort });
        }
      }
      return new DockerContainer(docker, container, container.id, address, logStream, published);
    } catch (error) {
      throw engineError('start a container', error);
    }
  }

  endpoint(port: number): Endpoint {
    return this.published.get(port) ?? { host: this.address, port };
  }

  private async watchExit(): Promise<ExitInfo> {
    const result = (await this.container.wait({ condition: 'not-running' })) as { StatusCode: number };
    let oomKilled = false;
    try {
      oomKilled = (await this.container.inspect()).State.OOMKilled;
    } catch {
      // Removed already: the exit code is all we have.
    }
    // The exit code arrives before the last log frames; wait for them so evidence is complete.
    // Bounded, and the timer cleared, so a stream that never ends cannot hold up the exit or the process.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.logsDrained,
      new Promise((resolve) => (timer = setTimeout(resolve, LOG_DRAIN_MS))),
    ]);
    clearTimeout(timer);
    this.exit = { code: result.StatusCode, oomKilled };
    return this.exit;
  }

  exitInfo(): ExitInfo | undefined {
    return this.exit;
  }

  async exec(argv: readonly string[], options: ExecOptions): Promise<ExecResult> {
    if (options.signal.aborted) throw new InterruptedError();
    let output = '';
    let exec: Docker.Exec;
    let stream: NodeJS.ReadableStream;
    try {
      exec = await this.container.exec({
        Cmd: [...argv],
        Env: Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`),
        AttachStdout: true,
        AttachStderr: true,
      });
      stream = (await exec.start({ hijack: true, stdin: false })) as NodeJS.ReadableStream;
    } catch (error) {
      // 409: the container stopped between the caller's look and the exec; that is the app's doing.
      if ((error as { statusCode?: number }).statusCode === 409) {
        return { exitCode: -1, output: 'the container is not running', timedOut: false };
      }
      throw engineError(`run ${argv.join(' ')} in a container`, error);
    }
    const finished = demuxInto(this.docker, stream, (text) => (output += text));
    const outcome = await raceDeadline(finished, options.timeoutMs, options.signal).catch(
      (error: unknown) => {
        (stream as unknown as { destroy?: () => void }).destroy?.();
        throw error;
      },
    );
    if (outcome.kind === 'timeout') {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return { exitCode: -1, output: stripAnsi(output), timedOut: true };
    }
    const inspected = await exec.inspect();
    return { exitCode: inspected.ExitCode ?? -1, output: stripAnsi(output), timedOut: false };
  }

  async listeningSockets(signal: AbortSignal): Promise<ListeningSocket[]> {
    if (this.exit) return [];
    try {
      const result = await this.exec(['cat', '/proc/net/tcp', '/proc/net/tcp6'], { timeoutMs: 5000, signal });
      // Docker's embedded DNS listens on 127.0.0.11 in every container of a user network: not the app.
      return parseListeningSockets(result.output).filter((s) => s.address !== DOCKER_DNS);
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      // The container may have exited between the check and the exec: nothing is listening then.
      return [];
    }
  }
}
