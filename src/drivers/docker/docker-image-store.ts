// Named images on the engine: inspect, pull with progress, build, import a root file system, probe.
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { InfraError, InterruptedError } from '../../errors.js';
import type { BuildOutcome, ImageBuildRequest, ImageInfo, ImageStore } from '../driver.js';
import { packBuildContext } from './build-context.js';
import { buildImage } from './build-image.js';
import { demuxInto } from './demux.js';
import { engineError } from './engine-errors.js';
import { followStream } from './follow-stream.js';
import { removeAll } from './remove-all.js';
import { withLabels } from './dockerfile-labels.js';
import { engineName, runLabels } from './run-labels.js';

function splitRef(ref: string): { repo: string; tag: string } {
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/')
    ? { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) }
    : { repo: ref, tag: 'latest' };
}

function notFound(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 404;
}

export class DockerImageStore implements ImageStore {
  /** Throwaway containers of probes belong to a run of their own, so gc can find them after a crash. */
  private readonly probeRun = `images-${randomBytes(4).toString('hex')}`;

  constructor(private readonly docker: Docker) {}

  async inspect(ref: string): Promise<ImageInfo | undefined> {
    try {
      const info = await this.docker.getImage(ref).inspect();
      return { id: info.Id, labels: info.Config?.Labels ?? {} };
    } catch (error) {
      if (notFound(error)) return undefined;
      throw engineError(`inspect image ${ref}`, error);
    }
  }

  async pull(ref: string, onProgress: (line: string) => void, signal: AbortSignal): Promise<void> {
    const failed = (reason: string, cause?: unknown): InfraError =>
      new InfraError(
        'pull-failed',
        `Could not pull ${ref}: ${reason.trim()}`,
        'set `images: local` in stagebisect.yaml (every image is then built from Debian, no registry needed), or set `registry:` to a mirror that has it',
        { cause },
      );
    let events;
    try {
      const stream = (await this.docker.pull(ref, { abortSignal: signal })) as NodeJS.ReadableStream;
      events = await followStream(
        this.docker,
        stream,
        (e) => onProgress([e.id, e.status, e.progress].filter(Boolean).join(' ')),
        signal,
      );
    } catch (error) {
      if (error instanceof InterruptedError || signal.aborted) throw new InterruptedError();
      if (error instanceof InfraError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      if (/ECONNREFUSED.*docker\.sock|connect ENOENT/.test(message)) throw engineError(`pull ${ref}`, error);
      throw failed(message, error);
    }
    const failure = events.find((e) => e.error !== undefined);
    if (failure) throw failed(failure.error ?? 'the registry refused');
  }

  build(
    request: ImageBuildRequest,
    onOutput: (line: string) => void,
    signal: AbortSignal,
  ): Promise<BuildOutcome> {
    const context = packBuildContext(
      withLabels(request.dockerfile, request.labels ?? {}),
      [...request.files].map(([name, source]) =>
        Buffer.isBuffer(source)
          ? { path: name, source: { kind: 'bytes', bytes: source }, mode: 0o755 }
          : {
              path: name,
              source: { kind: 'file', path: source.path },
              ...(source.mode ? { mode: source.mode } : {}),
            },
      ),
    );
    return buildImage(
      this.docker,
      context,
      {
        tag: request.tag,
        ...(request.buildArgs ? { buildArgs: request.buildArgs } : {}),
      },
      onOutput,
      signal,
    );
  }

  async importRootfs(
    tar: NodeJS.ReadableStream,
    ref: string,
    labels: Readonly<Record<string, string>>,
    signal: AbortSignal,
  ): Promise<void> {
    const { repo, tag } = splitRef(ref);
    const changes = Object.entries(labels).map(([k, v]) => `LABEL ${k}=${JSON.stringify(v)}`);
    try {
      const stream = (await this.docker.importImage(tar, {
        repo,
        tag,
        changes,
        abortSignal: signal,
      } as object)) as NodeJS.ReadableStream;
      const events = await followStream(this.docker, stream, () => undefined, signal);
      const failure = events.find((e) => e.error !== undefined);
      if (failure) throw new Error(failure.error);
    } catch (error) {
      if (error instanceof InterruptedError || signal.aborted) throw new InterruptedError();
      throw engineError(`import ${ref}`, error);
    }
  }

  async probe(
    ref: string,
    argv: readonly string[],
    signal: AbortSignal,
  ): Promise<{ exitCode: number; output: string }> {
    if (signal.aborted) throw new InterruptedError();
    let container: Docker.Container | undefined;
    try {
      container = await this.docker.createContainer({
        name: engineName('stagebisect', this.probeRun, 'probe', randomBytes(3).toString('hex')),
        Image: ref,
        Cmd: [...argv],
        Labels: runLabels(this.probeRun, Date.now()),
        Tty: false,
      });
      const stream = (await container.attach({
        stream: true,
        stdout: true,
        stderr: true,
        logs: true,
      })) as NodeJS.ReadableStream;
      let output = '';
      const drained = demuxInto(this.docker, stream, (text) => (output += text));
      await container.start();
      const result = (await container.wait()) as { StatusCode: number };
      await drained;
      return { exitCode: result.StatusCode, output };
    } catch (error) {
      throw engineError(`run ${argv.join(' ')} in ${ref}`, error);
    } finally {
      const created = container;
      if (created) await removeAll('probe containers', [() => created.remove({ force: true })]);
    }
  }

  async remove(ref: string): Promise<void> {
    await removeAll('images', [() => this.docker.getImage(ref).remove({ force: true })]);
  }
}
