// One container of the FakeDriver: it prints, listens, answers commands and exits as its AppScript says,
// on the fake clock; nothing runs. Removing it ends it, as the engine's forced removal kills a process.
import type { ContainerHandle, ContainerLaunch, ExecOptions, ExecResult } from '../../src/drivers/driver.js';
import { LogBuffer } from '../../src/drivers/log-buffer.js';
import { throwIfAborted } from '../../src/errors.js';
import type { ExitInfo, ListeningSocket } from '../../src/model.js';
import type { FakeClock } from './fake-clock.js';

export type Env = Readonly<Record<string, string>>;

/** What a command run in a container returns, and how long it takes on the fake clock. */
export interface ExecScript extends Partial<ExecResult> {
  /** Past the caller's timeout it times out; `Infinity` is a command that never ends. 0 by default. */
  readonly runsForMs?: number;
}

/** How one container behaves once started. */
export interface AppScript {
  /** Lines it prints as it starts; a function sees the env it was started with. */
  readonly logs?: readonly string[] | ((env: Env, launch: ContainerLaunch) => readonly string[]);
  /** Its exit, decided by the env and launch it was started with (`exit` when absent). */
  readonly exitWhen?: (env: Env, launch: ContainerLaunch) => AppScript['exit'];
  /** It exits with `code` this long after it started, on the fake clock; without it, it keeps running. */
  readonly exit?: { readonly code: number; readonly afterMs: number; readonly oomKilled?: boolean };
  /** Sockets it listens on while it runs. */
  readonly listening?: readonly ListeningSocket[];
  /** The address the host reaches it at; its own, unique one by default. */
  readonly address?: string;
  /** What a command run in it does; exit 0 at once and no output by default. */
  readonly exec?: (argv: readonly string[], env: Env) => ExecScript;
}

/** The exit code of a container killed by its removal (SIGKILL), as the engine reports it. */
const KILLED = 137;

let containerCount = 0;

export class FakeContainer implements ContainerHandle {
  readonly id: string;
  readonly address: string;
  readonly logs = new LogBuffer();
  readonly exited: Promise<ExitInfo>;
  /** Every argv run through exec, in order. */
  readonly execs: (readonly string[])[] = [];
  /** Gone from the fake engine: its cell was disposed, its run closed or collected. */
  removed = false;
  private exit: ExitInfo | undefined;
  private markExited: (info: ExitInfo) => void = () => undefined;

  constructor(
    private readonly script: AppScript,
    private readonly clock: FakeClock,
    readonly launch: ContainerLaunch = { role: 'app', image: 'fake', env: {} },
  ) {
    this.id = `${launch.role}-${++containerCount}`;
    this.address = script.address ?? `${this.id}.fake`;
    this.exited = new Promise((resolve) => (this.markExited = resolve));
    const logs = typeof script.logs === 'function' ? script.logs(launch.env, launch) : (script.logs ?? []);
    for (const line of logs) this.logs.append(`${line}\n`);
    const exit = script.exitWhen ? script.exitWhen(launch.env, launch) : script.exit;
    if (exit) {
      clock.at(clock.now() + exit.afterMs, () => this.stop(exit.code, exit.oomKilled ?? false));
    }
  }

  /** Ends it now, as a crash would. */
  stop(code: number, oomKilled = false): void {
    if (this.exit) return;
    this.exit = { code, oomKilled };
    this.markExited(this.exit);
  }

  /** Removes it from the engine, killing it when it still runs. */
  remove(): void {
    this.removed = true;
    this.stop(KILLED);
  }

  /** Whether a connection from the host to `address:port` reaches it. */
  answers(address: string, port: number): boolean {
    return (
      !this.exit && address === this.address && this.script.listening?.some((s) => s.port === port) === true
    );
  }

  exitInfo(): ExitInfo | undefined {
    return this.exit;
  }

  /** A fake engine is always local: the host reaches a container at its own address. */
  endpoint(port: number): { host: string; port: number } {
    return { host: this.address, port };
  }

  async exec(argv: readonly string[], options: ExecOptions): Promise<ExecResult> {
    throwIfAborted(options.signal);
    this.execs.push(argv);
    const { runsForMs = 0, ...result } =
      this.script.exec?.(argv, { ...this.launch.env, ...options.env }) ?? {};
    if (runsForMs > 0) await this.clock.sleep(Math.min(runsForMs, options.timeoutMs), options.signal);
    if (runsForMs > options.timeoutMs) return { exitCode: -1, output: result.output ?? '', timedOut: true };
    return { exitCode: 0, output: '', timedOut: false, ...result };
  }

  async listeningSockets(signal: AbortSignal): Promise<ListeningSocket[]> {
    throwIfAborted(signal);
    return this.exit ? [] : [...(this.script.listening ?? [])];
  }
}
