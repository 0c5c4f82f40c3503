// Runs one cell: images, recipe, build, services, app, checks; returns its Verdict and leaves nothing
// behind. A cell whose key has a stored verdict is neither built nor run.
import { missingSecretWarning } from '../diagnose/rules/missing-secret.js';
import { InfraError, isInterrupted } from '../errors.js';
import type { CellScope } from '../drivers/driver.js';
import { formatRuntime, type Cell, type Timings, type Verdict } from '../model.js';
import type { CellRecipe } from '../recipes/recipe.js';
import { localModuleNames } from '../stacks/local-modules.js';
import { stackFor } from '../stacks/stacks.js';
import { resolveCellEnv, type CellEnv } from './cell-env.js';
import { buildVerdict } from './build-verdict.js';
import { maskerFor } from './cell-masker.js';
import type { CellState } from './cell-state.js';
import type { EventSink } from './events.js';
import { gatherFacts } from './gather-facts.js';
import { keepSnapshot } from './keep-snapshot.js';
import { prepareRecipe, resolveImages } from './prepare-recipe.js';
import type { RunContext } from './run-context.js';
import { runChecks } from './run-checks.js';
import { releaseExit, releaseFailure, runRelease } from './run-release.js';
import { startServices, type StartedServices } from './start-services.js';
import { StepTimer } from './step-timer.js';

/** A stable name of a cell for events and container names: `phase@runtime`. */
export function cellName(cell: Cell): string {
  return `${cell.phase.name}@${formatRuntime(cell.runtime)}`;
}

/** The app's ports this host connects to: the project's, and any a check names. */
function appPorts(cell: Cell): number[] {
  const ports = cell.phase.checks.flatMap((c) => (c.kind === 'http' || c.kind === 'tcp' ? [c.port] : []));
  return [...new Set([cell.project.port, ...ports])];
}

export interface CellOptions {
  /** The verdict stored for a key, if any: a hit is returned as it is, marked cached. */
  readonly lookup?: (key: string) => Promise<Verdict | undefined>;
  /** Told the cell's recipe as soon as it is made, whatever happens next. */
  readonly onRecipe?: (recipe: CellRecipe) => void;
}

function newTimings(): Timings {
  return { imageMs: 0, buildMs: 0, servicesMs: 0, startMs: 0, checksMs: 0, totalMs: 0 };
}

export async function runCell(cell: Cell, context: RunContext, options: CellOptions = {}): Promise<Verdict> {
  const name = cellName(cell);
  const startedAt = new Date().toISOString();
  const started = context.clock.now();
  const state: CellState = {
    timings: newTimings(),
    checks: [],
    warnings: [],
    buildOutput: [],
    checkOutput: '',
    listening: [],
    localModules: [],
  };
  // Every event is masked with what is known so far; secrets are known before anything can print them.
  let masker = maskerFor(context, undefined, undefined);
  const emit: EventSink = (event) => context.emit(masker.maskData(event));
  const scope = context.scope.openCell(name, { services: cell.phase.services.length > 0 });
  let hit: Verdict | undefined;
  try {
    hit = await runStages(cell, context, scope, state, emit, options, (env, services) => {
      masker = maskerFor(context, env, services);
    });
  } catch (error) {
    if (isInterrupted(error) || !(error instanceof InfraError)) throw error;
    state.infra = { code: error.code, message: error.message, remedy: error.remedy };
  } finally {
    state.timings.totalMs = context.clock.now() - started;
    // A release that failed ended the cell before the app started: its exit is the one a diagnosis reads.
    state.exit = state.app?.exitInfo() ?? releaseExit(state.release);
    await scope.dispose();
  }
  if (hit) return { ...hit, cached: true };
  const verdict = masker.maskData(buildVerdict(cell, state, { startedAt, runId: context.scope.runId }));
  return context.snapshots
    ? keepSnapshot(cell, state, verdict, context.snapshots, masker, emit, context)
    : verdict;
}

/** Runs the stages in order; returns the stored verdict when the cache answers for the cell's key. */
async function runStages(
  cell: Cell,
  context: RunContext,
  scope: CellScope,
  state: CellState,
  emit: EventSink,
  options: CellOptions,
  learnSecrets: (env: CellEnv, services: StartedServices) => void,
): Promise<Verdict | undefined> {
  const name = cellName(cell);
  const step = (id: ConstructorParameters<typeof StepTimer>[3], title: string): StepTimer =>
    new StepTimer(emit, context.clock, name, id, title);
  const failed = (error: unknown): string => (error instanceof Error ? error.message : String(error));

  const imageStep = step('image', `runtime image ${formatRuntime(cell.runtime)}`);
  const images = await resolveImages(cell, context, (line) => imageStep.output(line)).catch(
    (error: unknown) => {
      state.timings.imageMs = imageStep.end('error', failed(error));
      throw error;
    },
  );
  state.timings.imageMs = imageStep.end('pass', images.runtime.ref);

  const buildStep = step('build', `build ${cell.phase.name} (layer ${cell.phase.index})`);
  const prepared = await prepareRecipe(cell, images, context, (line) => buildStep.output(line)).catch(
    (error: unknown) => {
      state.timings.buildMs = buildStep.end('error', failed(error));
      throw error;
    },
  );
  // A cell whose recipe was made has a key, even when it fails before building (an engines mismatch).
  const recipe = prepared.recipe;
  if (recipe) {
    state.key = recipe.key;
    state.recipe = recipe;
    options.onRecipe?.(recipe);
    const stored = await options.lookup?.(recipe.key);
    if (stored) {
      state.timings.buildMs = buildStep.end('skip', `cached: ${stored.status} on ${stored.startedAt}`);
      return stored;
    }
  }
  if (!prepared.ok) {
    state.buildOutput = [...prepared.output];
    if (prepared.diagnosis) state.diagnosis = prepared.diagnosis;
    state.timings.buildMs = buildStep.end('fail', prepared.message);
    state.failure = { stage: 'build', message: prepared.message };
    return undefined;
  }
  for (const warning of prepared.warnings) {
    state.warnings.push(warning);
    emit({ type: 'warning', message: warning });
  }
  const build = await (async () => {
    // The dependency tree's own image, sent to the engine once per tree: only now that the cell is built.
    if (prepared.treeImage) {
      const tree = prepared.treeImage;
      await context.images.dependencyImage(
        cell.project.name,
        tree,
        (l) => buildStep.output(l),
        context.signal,
      );
    }
    return scope.buildApp(prepared.recipe, (line) => buildStep.output(line), context.signal);
  })().catch((error: unknown) => {
    state.timings.buildMs = buildStep.end('error', failed(error));
    throw error;
  });
  state.buildOutput = [...build.output];
  state.localModules = await localModuleNames(cell.project.contextDir);
  if (!build.ok) {
    state.timings.buildMs = buildStep.end('fail', build.message);
    state.failure = { stage: 'build', message: `the image did not build: ${build.message}` };
    return undefined;
  }
  state.image = build.image;
  state.timings.buildMs = buildStep.end('pass', build.image);

  const servicesStarted = context.clock.now();
  const services = await startServices(cell, images.services, context, scope, (id, title) => step(id, title));
  state.timings.servicesMs = context.clock.now() - servicesStarted;
  state.services = services;
  const env = resolveCellEnv(
    cell.phase,
    cell.project.port,
    services.attributes,
    context.randomSecret,
    context.hostEnv,
  );
  state.env = env;
  learnSecrets(env, services);
  for (const secret of env.missingSecrets) {
    const warning = missingSecretWarning(secret);
    state.warnings.push(warning);
    emit({ type: 'warning', message: warning });
  }
  if (services.failure) {
    state.failure = { stage: 'service', message: services.failure };
    return undefined;
  }

  if (cell.phase.release !== undefined) {
    const releaseStep = step('release', `release: ${cell.phase.release}`);
    state.release = await runRelease(cell, scope, build.image, env.full, context.signal).catch(
      (error: unknown) => {
        releaseStep.end('error', failed(error));
        throw error;
      },
    );
    state.timings.releaseMs = state.release.durationMs;
    const failure = releaseFailure(state.release);
    releaseStep.end(failure ? 'fail' : 'pass', failure ?? 'exited 0');
    if (failure) {
      state.failure = { stage: 'release', message: failure };
      return undefined;
    }
  }

  const startStep = step('start', `start the app: ${cell.phase.start}`);
  state.app = await scope.start(
    {
      role: 'app',
      image: build.image,
      command: ['sh', '-c', cell.phase.start],
      env: env.full,
      ports: appPorts(cell),
      ...(cell.project.memoryBytes ? { memoryBytes: cell.project.memoryBytes } : {}),
    },
    context.signal,
  );
  state.timings.startMs = startStep.end('pass', state.app.address);

  const checksStarted = context.clock.now();
  const outcome = await runChecks(
    cell,
    {
      app: state.app,
      cell: scope,
      image: build.image,
      env: env.full,
      declaredEnv: env.declared,
      stack: stackFor(cell.project.stack),
      port: cell.project.port,
      ...(cell.project.memoryBytes ? { memoryBytes: cell.project.memoryBytes } : {}),
      clock: context.clock,
      signal: context.signal,
    },
    (id, title) => step(id, title),
  );
  state.timings.checksMs = context.clock.now() - checksStarted;
  state.checks = outcome.results;
  state.checkOutput = outcome.failedOutput;
  state.listening = outcome.listening;
  if (outcome.failure) state.failure = { stage: 'check', message: outcome.failure };
  else if (context.snapshots) {
    // Read while the containers still run: what the image really has, for the cell's snapshot.
    [state.facts, state.git] = await Promise.all([
      gatherFacts(cell, state.app, services, context.signal),
      context.host.gitState(cell.project.contextDir),
    ]);
  }
  return undefined;
}
