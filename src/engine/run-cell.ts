// Runs one cell: image, build, services, app, checks; returns its Verdict and leaves nothing behind.
import { missingSecretWarning } from '../diagnose/rules/missing-secret.js';
import { InfraError, isInterrupted } from '../errors.js';
import type { CellScope } from '../drivers/driver.js';
import { formatRuntime, type Cell, type Timings, type Verdict } from '../model.js';
import { localModuleNames } from '../stacks/local-modules.js';
import { stackFor } from '../stacks/stacks.js';
import { resolveCellEnv, type CellEnv } from './cell-env.js';
import { buildVerdict } from './build-verdict.js';
import { maskerFor } from './cell-masker.js';
import type { CellState } from './cell-state.js';
import type { EventSink } from './events.js';
import type { RunContext } from './run-context.js';
import { runChecks } from './run-checks.js';
import { startServices, type StartedServices } from './start-services.js';
import { StepTimer } from './step-timer.js';

/** A stable name of a cell for events and container names: `phase@runtime`. */
export function cellName(cell: Cell): string {
  return `${cell.phase.name}@${formatRuntime(cell.runtime)}`;
}

function newTimings(): Timings {
  return { imageMs: 0, buildMs: 0, servicesMs: 0, startMs: 0, checksMs: 0, totalMs: 0 };
}

export async function runCell(cell: Cell, context: RunContext): Promise<Verdict> {
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
  try {
    await runStages(cell, context, scope, state, emit, (env, services) => {
      masker = maskerFor(context, env, services);
    });
  } catch (error) {
    if (isInterrupted(error) || !(error instanceof InfraError)) throw error;
    state.infra = { code: error.code, message: error.message, remedy: error.remedy };
  } finally {
    state.timings.totalMs = context.clock.now() - started;
    state.exit = state.app?.exitInfo();
    await scope.dispose();
  }
  return masker.maskData(buildVerdict(cell, state, startedAt));
}

async function runStages(
  cell: Cell,
  context: RunContext,
  scope: CellScope,
  state: CellState,
  emit: EventSink,
  learnSecrets: (env: CellEnv, services: StartedServices) => void,
): Promise<void> {
  const name = cellName(cell);
  const step = (id: ConstructorParameters<typeof StepTimer>[3], title: string): StepTimer =>
    new StepTimer(emit, context.clock, name, id, title);

  const imageStep = step('image', `runtime image ${formatRuntime(cell.runtime)}`);
  let baseImage: string;
  try {
    baseImage = await context.images.runtimeImage(
      cell.runtime,
      (line) => imageStep.output(line),
      context.signal,
    );
  } catch (error) {
    state.timings.imageMs = imageStep.end('error', error instanceof Error ? error.message : String(error));
    throw error;
  }
  state.timings.imageMs = imageStep.end('pass', baseImage);

  const buildStep = step(
    'build',
    `build ${cell.phase.name} (${cell.phase.index} of ${cell.plan.phases.length} layers)`,
  );
  const build = await scope
    .buildApp(cell, baseImage, (line) => buildStep.output(line), context.signal)
    .catch((error: unknown) => {
      state.timings.buildMs = buildStep.end('error', error instanceof Error ? error.message : String(error));
      throw error;
    });
  state.buildOutput = [...build.output];
  state.localModules = await localModuleNames(cell.plan.contextDir);
  if (!build.ok) {
    state.timings.buildMs = buildStep.end('fail', build.message);
    state.failure = { stage: 'build', message: `the image did not build: ${build.message}` };
    return;
  }
  state.image = build.image;
  state.timings.buildMs = buildStep.end('pass', build.image);

  const servicesStarted = context.clock.now();
  const services = await startServices(cell, context, scope, (id, title) => step(id, title));
  state.timings.servicesMs = context.clock.now() - servicesStarted;
  state.services = services;
  const env = resolveCellEnv(
    cell.phase,
    cell.plan.port,
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
    return;
  }

  const startStep = step('start', `start the app: ${cell.phase.start}`);
  state.app = await scope.start(
    {
      role: 'app',
      image: build.image,
      command: ['sh', '-c', cell.phase.start],
      env: env.full,
      ...(cell.plan.memoryBytes ? { memoryBytes: cell.plan.memoryBytes } : {}),
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
      stack: stackFor(cell.plan.stack),
      port: cell.plan.port,
      ...(cell.plan.memoryBytes ? { memoryBytes: cell.plan.memoryBytes } : {}),
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
}
