// A Driver that runs nothing: each phase is scripted (its image, build, app and the processes checks run),
// and every run and cell it hands out is recorded, so a test can assert that all of them were released.
// It keeps the books an engine keeps (which containers and networks each run holds, whether the process
// that opened a run is alive), so that it passes the same conformance suite as the real drivers.
import type {
  ContainerLaunch,
  Driver,
  EngineInfo,
  GcOptions,
  GcReport,
  OneShotResult,
  RunScope,
} from '../../src/drivers/driver.js';
import type { DependencyResolution } from '../../src/dependencies/resolve-dependencies.js';
import type { HostInputs, ImageProvider } from '../../src/engine/run-context.js';
import { dependencyImageRef } from '../../src/images/dependency-image.js';
import type { SessionOptions } from '../../src/engine/run-session.js';
import { InfraError, throwIfAborted } from '../../src/errors.js';
import type { CellRecipe } from '../../src/recipes/recipe.js';
import { formatRuntime, type Cell, type Runtime } from '../../src/model.js';
import type { FakeCellScope } from './fake-cell-scope.js';
import type { FakeClock } from './fake-clock.js';
import type { AppScript, FakeContainer } from './fake-container.js';
import { FakeImageStore } from './fake-image-store.js';
import { FakeRunScope, type FakeRunHoldings } from './fake-run-scope.js';

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

export interface FakeDriverOptions {
  readonly clock: FakeClock;
  /**
   * Scripts by phase name, or by cell name (`llm@python@3.11`) for one runtime; unscripted cells pass. A
   * build goes by the phase of the recipe it is given, for a cell whose name does not script it.
   */
  readonly phases?: Readonly<Record<string, PhaseScript>>;
  /**
   * What a container does by its launch (its image and command) in any cell, when the phase does not
   * script its role: the programs of the fake images. A one-shot runs its program to completion.
   */
  readonly programs?: (launch: ContainerLaunch) => AppScript | undefined;
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

  /** What a container of `launch` runs, when `programs` knows it. */
  program(launch: ContainerLaunch): AppScript | undefined {
    return this.options.programs?.(launch);
  }

  async ping(): Promise<EngineInfo> {
    return { name: 'fake', version: '1', apiVersion: '1' };
  }

  async openRun(runId: string, signal: AbortSignal, project?: string): Promise<RunScope> {
    throwIfAborted(signal);
    const run = new FakeRunScope(runId, this, project);
    this.runs.push(run);
    return run;
  }

  /** The process that opened run `runId` dies: what the run holds stays, and nobody will close it. */
  crash(runId: string): void {
    for (const run of this.runs) if (run.runId === runId) run.ownerAlive = false;
  }

  /** What run `runId` holds now; nothing once it is closed or collected. */
  holdings(runId: string): FakeRunHoldings {
    const held = this.runs.filter((r) => r.runId === runId).map((r) => r.holdings());
    return {
      containers: held.flatMap((h) => h.containers),
      networks: held.flatMap((h) => h.networks),
      projects: [...new Set(held.flatMap((h) => h.projects))],
    };
  }

  /** The running container a connection from the host to `address:port` reaches, if any. */
  reach(address: string, port: number): FakeContainer | undefined {
    return this.containers.find((c) => c.answers(address, port));
  }

  /** As on the engine: runs holding something, of `project` when named, dead ones (or all) removed. */
  async collectGarbage(options: GcOptions, only?: ReadonlySet<string>): Promise<GcReport> {
    const report = { containers: 0, networks: 0, volumes: 0, images: 0, liveRuns: [] as string[] };
    for (const run of this.runs) {
      if (only && !only.has(run.runId)) continue;
      if (options.project && run.project !== options.project) continue;
      const held = run.holdings();
      if (held.containers.length + held.networks.length === 0) continue;
      if (run.ownerAlive && !options.all) {
        report.liveRuns.push(run.runId);
        continue;
      }
      const freed = run.release();
      report.containers += freed.containers;
      report.networks += freed.networks;
    }
    return report;
  }

  /** This driver as one that sees no run but `runIds`, so that gc with `all` spares everyone else's. */
  scopedTo(runIds: readonly string[]): Driver {
    const only = new Set(runIds);
    return {
      kind: this.kind,
      images: this.images,
      ping: () => this.ping(),
      openRun: (runId, signal, project) => this.openRun(runId, signal, project),
      collectGarbage: (options) => this.collectGarbage(options, only),
    };
  }

  get cells(): FakeCellScope[] {
    return this.runs.flatMap((run) => run.cells);
  }

  /** Every container any cell started, services and one-shots included, removed or not. */
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
      contextFiles: async () => ({ files: [], warnings: [] }),
      nodeTree: async (cell, nodeVersion) => this.options.nodeTree?.(cell, nodeVersion),
      gitState: async () => undefined,
    };
  }

  /** A session of project `shop` on this driver and its clock; `overrides` change what a test needs. */
  session(overrides: Partial<SessionOptions> = {}): SessionOptions {
    return {
      driver: this,
      images: this.imageProvider(),
      host: this.hostInputs(),
      project: 'shop',
      clock: this.clock,
      signal: new AbortController().signal,
      emit: () => undefined,
      hostEnv: {},
      ...overrides,
    };
  }
}
