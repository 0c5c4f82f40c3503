// One cell of the FakeDriver: builds, containers and one-shots as its phase's script says, every container
// recorded, and removed on dispose as the engine removes a cell's containers.
import type {
  AppBuild,
  CellNeeds,
  CellScope,
  ContainerHandle,
  ContainerLaunch,
  OneShotResult,
} from '../../src/drivers/driver.js';
import { InfraError, InterruptedError, throwIfAborted } from '../../src/errors.js';
import type { CellRecipe } from '../../src/recipes/recipe.js';
import { FakeContainer, type AppScript } from './fake-container.js';
import type { FakeDriver, PhaseScript } from './fake-driver.js';
import type { FakeRunScope } from './fake-run-scope.js';

const READY_SERVICE: AppScript = { exec: () => ({ exitCode: 0, output: '1\n' }) };

function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(new InterruptedError());
    signal.addEventListener('abort', () => reject(new InterruptedError()), { once: true });
  });
}

export class FakeCellScope implements CellScope {
  disposed = false;
  /** Every container it started, one-shots included, removed or not. */
  readonly containers: FakeContainer[] = [];
  readonly oneShots: ContainerLaunch[] = [];
  /** The phase this cell runs: the part of `phase@language@version` before the first @. */
  readonly phase: string;

  constructor(
    readonly name: string,
    private readonly driver: FakeDriver,
    private readonly run?: FakeRunScope,
    private readonly needs: CellNeeds = { services: true },
  ) {
    this.phase = name.split('@')[0]!;
  }

  private use(signal: AbortSignal, phase = this.phase): PhaseScript {
    if (this.disposed) throw new Error(`cell ${this.name} was used after it was disposed`);
    throwIfAborted(signal);
    // As on the engine, a cell with services gets the run's network as soon as it builds or starts.
    if (this.needs.services) this.run?.holdNetwork();
    return this.driver.script(phase, this.name);
  }

  async buildApp(
    cellRecipe: CellRecipe,
    onOutput: (line: string) => void,
    signal: AbortSignal,
  ): Promise<AppBuild> {
    const { recipe } = cellRecipe;
    const script = this.use(signal, recipe.phase.name);
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

  private launchContainer(behaviour: AppScript, launch: ContainerLaunch): FakeContainer {
    const container = new FakeContainer(behaviour, this.driver.clock, launch);
    this.containers.push(container);
    return container;
  }

  async start(launch: ContainerLaunch, signal: AbortSignal): Promise<ContainerHandle> {
    const script = this.use(signal);
    const isApp = launch.role === 'app';
    if (isApp && script.start === 'infra') {
      throw new InfraError('engine-error', 'the engine could not create the app container', 'restart it');
    }
    const scripted = isApp ? script.app : script.services?.[launch.role];
    const behaviour = scripted ?? this.driver.program(launch) ?? (isApp ? {} : READY_SERVICE);
    return this.launchContainer(behaviour, launch);
  }

  async runOnce(launch: ContainerLaunch, timeoutMs: number, signal: AbortSignal): Promise<OneShotResult> {
    const script = this.use(signal);
    this.oneShots.push(launch);
    const program = script.runOnce ? undefined : this.driver.program(launch);
    if (program) return this.runToCompletion(program, launch, timeoutMs, signal);
    return {
      exitCode: 0,
      oomKilled: false,
      output: '',
      timedOut: false,
      durationMs: 5,
      ...script.runOnce?.(launch),
    };
  }

  /** A program in a fresh container, waited for until it exits or the timeout passes on the fake clock. */
  private async runToCompletion(
    program: AppScript,
    launch: ContainerLaunch,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<OneShotResult> {
    const container = this.launchContainer(program, launch);
    const runsForMs = program.exit?.afterMs ?? Infinity;
    await this.driver.clock.sleep(Math.min(runsForMs, timeoutMs), signal);
    const exit = container.exitInfo();
    const output = container.logs.text();
    if (!exit) return { exitCode: -1, oomKilled: false, output, timedOut: true, durationMs: timeoutMs };
    return { exitCode: exit.code, oomKilled: exit.oomKilled, output, timedOut: false, durationMs: runsForMs };
  }

  /** Removes its containers from the engine; returns how many were still there. */
  removeContainers(): number {
    const present = this.containers.filter((c) => !c.removed);
    for (const container of present) container.remove();
    return present.length;
  }

  async dispose(): Promise<void> {
    if (!this.disposed) this.driver.openCells -= 1;
    this.disposed = true;
    this.removeContainers();
  }
}
