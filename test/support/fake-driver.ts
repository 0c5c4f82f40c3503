// A Driver that runs nothing: each phase is scripted (its image, build, app and the processes checks run),
// and every run and cell it hands out is recorded, so a test can assert that all of them were released.
import type {
  AppBuild,
  BuildOutcome,
  CellScope,
  ContainerHandle,
  ContainerLaunch,
  Driver,
  EngineInfo,
  ExecOptions,
  ExecResult,
  GcReport,
  ImageInfo,
  ImageStore,
  OneShotResult,
  RunScope,
} from '../../src/drivers/driver.js';
import { LogBuffer } from '../../src/drivers/log-buffer.js';
import type { DependencyResolution } from '../../src/dependencies/resolve-dependencies.js';
import type { ImageProvider } from '../../src/engine/run-context.js';
import { dependencyImageRef } from '../../src/images/dependency-image.js';
import { InfraError, InterruptedError, throwIfAborted } from '../../src/errors.js';
import type { HostInputs } from '../../src/engine/run-context.js';
import type { CellRecipe } from '../../src/recipes/recipe.js';
import {
  formatRuntime,
  type Cell,
  type ExitInfo,
  type ListeningSocket,
  type Runtime,
} from '../../src/model.js';
import type { FakeClock } from './fake-clock.js';

type Env = Readonly<Record<string, string>>;

/** How one container behaves once started. */
export interface AppScript {
  /** Lines it prints as it starts; a function sees the env it was started with. */
  readonly logs?: readonly string[] | ((env: Env) => readonly string[]);
  /** It exits with `code` this long after it started, on the fake clock; without it, it keeps running. */
  readonly exit?: { readonly code: number; readonly afterMs: number; readonly oomKilled?: boolean };
  /** Sockets it listens on while it runs. */
  readonly listening?: readonly ListeningSocket[];
  /** The address the host reaches it at. */
  readonly address?: string;
  /** What a command run in it returns; exit 0 and no output by default. */
  readonly exec?: (argv: readonly string[], env: Env) => Partial<ExecResult>;
}

/** How one phase goes. Everything left out succeeds. */
export interface PhaseScript {
  /** The runtime image cannot be had: an InfraError at the image step. */
  readonly image?: 'infra';
  /** `infra` throws an InfraError, `hang` waits until the run is aborted, `{ fail }` is a failing build. */
  readonly build?: 'infra' | 'hang' | { readonly fail: string };
  readonly buildOutput?: readonly string[];
  /** The engine cannot create the app container. */
  readonly start?: 'infra';
  readonly app?: AppScript;
  /** Service containers by service name; a service answers postgres's `select 1` by default. */
  readonly services?: Readonly<Record<string, AppScript>>;
  /** What import and exit checks' one-off containers return; exit 0 by default. */
  readonly runOnce?: (launch: ContainerLaunch) => Partial<OneShotResult>;
}

const READY_SERVICE: AppScript = { exec: () => ({ exitCode: 0, output: '1\n' }) };

function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(new InterruptedError());
    signal.addEventListener('abort', () => reject(new InterruptedError()), { once: true });
  });
}

let containerCount = 0;

export class FakeContainer implements ContainerHandle {
  readonly id: string;
  readonly address: string;
  readonly logs = new LogBuffer();
  readonly exited: Promise<ExitInfo>;
  /** Every argv run through exec, in order. */
  readonly execs: (readonly string[])[] = [];
  private exit: ExitInfo | undefined;
  private markExited: (info: ExitInfo) => void = () => undefined;

  constructor(
    private readonly script: AppScript,
    clock: FakeClock,
    readonly launch: ContainerLaunch = { role: 'app', image: 'fake', env: {} },
  ) {
    this.id = `${launch.role}-${++containerCount}`;
    this.address = script.address ?? `${launch.role}.fake`;
    this.exited = new Promise((resolve) => (this.markExited = resolve));
    const logs = typeof script.logs === 'function' ? script.logs(launch.env) : (script.logs ?? []);
    for (const line of logs) this.logs.append(`${line}\n`);
    const exit = script.exit;
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

  exitInfo(): ExitInfo | undefined {
    return this.exit;
  }

  endpoint(port: number): { host: string; port: number } {
    return { host: this.address, port };
  }

  async exec(argv: readonly string[], options: ExecOptions): Promise<ExecResult> {
    throwIfAborted(options.signal);
    this.execs.push(argv);
    return {
      exitCode: 0,
      output: '',
      timedOut: false,
      ...this.script.exec?.(argv, { ...this.launch.env, ...options.env }),
    };
  }

  async listeningSockets(signal: AbortSignal): Promise<ListeningSocket[]> {
    throwIfAborted(signal);
    return this.exit ? [] : [...(this.script.listening ?? [])];
  }
}

export class FakeCellScope implements CellScope {
  disposed = false;
  readonly containers: FakeContainer[] = [];
  readonly oneShots: ContainerLaunch[] = [];
  /** The phase this cell runs: the part of `phase@language@version` before the first @. */
  readonly phase: string;

  constructor(
    readonly name: string,
    private readonly driver: FakeDriver,
  ) {
    this.phase = name.split('@')[0]!;
  }

  private use(signal: AbortSignal): PhaseScript {
    if (this.disposed) throw new Error(`cell ${this.name} was used after it was disposed`);
    throwIfAborted(signal);
    return this.driver.script(this.phase, this.name);
  }

  async buildApp(
    cellRecipe: CellRecipe,
    onOutput: (line: string) => void,
    signal: AbortSignal,
  ): Promise<AppBuild> {
    const script = this.use(signal);
    const { recipe } = cellRecipe;
    this.driver.built.push(recipe.phase.name);
    this.driver.recipes.push(cellRecipe);
    const output = script.buildOutput ?? [`FROM ${recipe.runtimeImage.ref}`, `built ${recipe.phase.name}`];
    for (const line of output) onOutput(line);
    if (script.build === 'infra') {
      throw new InfraError('disk-full', 'no space left on device', 'free disk space, then run again');
    }
    if (script.build === 'hang') return waitForAbort(signal);
    if (typeof script.build === 'object') return { ok: false, message: script.build.fail, output };
    return { ok: true, image: `fake/${recipe.project}:${recipe.phase.name}`, output };
  }

  async start(launch: ContainerLaunch, signal: AbortSignal): Promise<ContainerHandle> {
    const script = this.use(signal);
    const isApp = launch.role === 'app';
    if (isApp && script.start === 'infra') {
      throw new InfraError('engine-error', 'the engine could not create the app container', 'restart it');
    }
    const behaviour = isApp ? (script.app ?? {}) : (script.services?.[launch.role] ?? READY_SERVICE);
    const container = new FakeContainer(behaviour, this.driver.clock, launch);
    this.containers.push(container);
    return container;
  }

  async runOnce(launch: ContainerLaunch, _timeoutMs: number, signal: AbortSignal): Promise<OneShotResult> {
    const script = this.use(signal);
    this.oneShots.push(launch);
    return {
      exitCode: 0,
      oomKilled: false,
      output: '',
      timedOut: false,
      durationMs: 5,
      ...script.runOnce?.(launch),
    };
  }

  async dispose(): Promise<void> {
    if (!this.disposed) this.driver.openCells -= 1;
    this.disposed = true;
  }
}

export class FakeRunScope implements RunScope {
  closed = false;
  readonly cells: FakeCellScope[] = [];

  constructor(
    readonly runId: string,
    private readonly driver: FakeDriver,
  ) {}

  openCell(name: string): CellScope {
    if (this.closed) throw new Error(`run ${this.runId} was used after it was closed`);
    const cell = new FakeCellScope(name, this.driver);
    this.cells.push(cell);
    this.driver.openCells += 1;
    this.driver.peakOpenCells = Math.max(this.driver.peakOpenCells, this.driver.openCells);
    return cell;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.driver.closeFailure) throw this.driver.closeFailure;
  }
}

export class FakeImageStore implements ImageStore {
  readonly refs = new Set<string>();

  async inspect(ref: string): Promise<ImageInfo | undefined> {
    return this.refs.has(ref) ? { id: `sha256:${ref}`, labels: {} } : undefined;
  }

  async pull(ref: string, onProgress: (line: string) => void, signal: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    onProgress(`pulled ${ref}`);
    this.refs.add(ref);
  }

  async build(
    request: { readonly tag: string },
    _onOutput: (line: string) => void,
    signal: AbortSignal,
  ): Promise<BuildOutcome> {
    throwIfAborted(signal);
    this.refs.add(request.tag);
    return { ok: true, imageId: `sha256:${request.tag}`, output: [] };
  }

  async importRootfs(_tar: NodeJS.ReadableStream, ref: string): Promise<void> {
    this.refs.add(ref);
  }

  async probe(_ref: string, _argv: readonly string[]): Promise<{ exitCode: number; output: string }> {
    return { exitCode: 0, output: '' };
  }

  async remove(ref: string): Promise<void> {
    this.refs.delete(ref);
  }
}

export interface FakeDriverOptions {
  readonly clock: FakeClock;
  /** Scripts by phase name, or by cell name (`llm@python@3.11`) for one runtime; unscripted cells pass. */
  readonly phases?: Readonly<Record<string, PhaseScript>>;
  /** Closing a run fails with this, after marking it closed. */
  readonly closeFailure?: Error;
  /** Runtimes (`python@3.9`) whose image cannot be had. */
  readonly runtimes?: Readonly<Record<string, 'infra'>>;
  /** The node dependency tree of a cell, as the host would resolve it; none by default. */
  readonly nodeTree?: (cell: Cell, nodeVersion: string) => DependencyResolution | undefined;
  /** The exact Node version of a runtime image, by runtime (`node@20`); `MAJOR.0.0` by default. */
  readonly nodeVersions?: Readonly<Record<string, string>>;
}

export class FakeDriver implements Driver {
  readonly kind = 'local';
  readonly images = new FakeImageStore();
  readonly runs: FakeRunScope[] = [];
  /** Phase names in the order their apps were built. */
  readonly built: string[] = [];
  /** The recipes built, in order. */
  readonly recipes: CellRecipe[] = [];
  /** Dependency-tree images made present, by ref, in order. */
  readonly dependencyImages: string[] = [];
  /** Cells open now, and the most ever open at once: how many ran in parallel. */
  openCells = 0;
  peakOpenCells = 0;
  readonly clock: FakeClock;
  readonly closeFailure: Error | undefined;

  constructor(private readonly options: FakeDriverOptions) {
    this.clock = options.clock;
    this.closeFailure = options.closeFailure;
  }

  /** A cell's script: by its full name (`llm@python@3.11`) when there is one, else by its phase. */
  script(phase: string, cell?: string): PhaseScript {
    return (cell ? this.options.phases?.[cell] : undefined) ?? this.options.phases?.[phase] ?? {};
  }

  async ping(): Promise<EngineInfo> {
    return { name: 'fake', version: '1', apiVersion: '1' };
  }

  async openRun(runId: string, signal: AbortSignal): Promise<RunScope> {
    throwIfAborted(signal);
    const run = new FakeRunScope(runId, this);
    this.runs.push(run);
    return run;
  }

  async collectGarbage(): Promise<GcReport> {
    return { containers: 0, networks: 0, volumes: 0, images: 0, liveRuns: [] };
  }

  get cells(): FakeCellScope[] {
    return this.runs.flatMap((run) => run.cells);
  }

  /** Every container any cell started, services included. */
  get containers(): FakeContainer[] {
    return this.cells.flatMap((cell) => cell.containers);
  }

  /** What was not released: cells not disposed and runs not closed. Empty when nothing is left behind. */
  leftovers(): string[] {
    return [
      ...this.cells.filter((c) => !c.disposed).map((c) => `cell ${c.name}`),
      ...this.runs.filter((r) => !r.closed).map((r) => `run ${r.runId}`),
    ];
  }

  /**
   * Runtime and service images by name. The image step of a cell comes right after its scope is opened,
   * so the script consulted is that of the cell opened last.
   */
  imageProvider(): ImageProvider {
    return {
      runtimeImage: async (runtime: Runtime, onLine: (line: string) => void, signal: AbortSignal) => {
        throwIfAborted(signal);
        const cell = this.cells[this.cells.length - 1];
        if (cell && this.script(cell.phase).image === 'infra') {
          throw new InfraError(
            'image-unavailable',
            `no image for ${formatRuntime(runtime)}`,
            'run `stagebisect images build`',
          );
        }
        if (this.options.runtimes?.[formatRuntime(runtime)] === 'infra') {
          throw new InfraError(
            'runtime-unavailable',
            `no image can serve ${formatRuntime(runtime)}`,
            'pick a runtime the image mode serves',
          );
        }
        onLine(`using ${formatRuntime(runtime)}`);
        const ref = `fake/${runtime.language}:${runtime.version}`;
        return { ref, id: `sha256:${ref}` };
      },
      serviceImage: async (service) => ({
        ref: `fake/${service.kind}:latest`,
        id: `sha256:fake-${service.kind}`,
      }),
      nodeVersion: async (image) => {
        const version = /^fake\/node:(.+)$/.exec(image.ref)?.[1] ?? '0';
        return this.options.nodeVersions?.[`node@${version}`] ?? `${version}.0.0`;
      },
      dependencyImage: async (project, tree, onLine, signal) => {
        throwIfAborted(signal);
        const ref = dependencyImageRef(project, tree.hash);
        onLine(`sending dependency tree ${tree.hash.slice(0, 12)} to the engine, once (${ref})…`);
        this.dependencyImages.push(ref);
        return { ref, id: `sha256:${ref}` };
      },
    };
  }

  /** No context files and no dependency trees: recipes of fake cells differ only by what their plan says. */
  hostInputs(): HostInputs {
    return {
      contextFiles: async () => [],
      nodeTree: async (cell, nodeVersion) => this.options.nodeTree?.(cell, nodeVersion),
    };
  }
}
