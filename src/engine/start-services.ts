// Starts a cell's services on the run's network at once and waits until each really answers.
import type { CellScope, ContainerHandle } from '../drivers/driver.js';
import { InfraError } from '../errors.js';
import type { Cell, ServiceSpec } from '../model.js';
import type { ImageRef } from '../recipes/recipe.js';
import { serviceDefinition } from '../services/service-definitions.js';
import { pollUntil } from '../timing/poll.js';
import type { StepId } from './events.js';
import type { RunContext } from './run-context.js';
import type { StepTimer } from './step-timer.js';

export interface StartedServices {
  /** `${services.NAME.ATTR}` values, by service name. */
  readonly attributes: Record<string, Record<string, string>>;
  readonly handles: Record<string, ContainerHandle>;
  /** Set when a custom service (the project's own) never became ready. */
  readonly failure?: string;
}

const LOG_TAIL = 15;

async function startOne(
  spec: ServiceSpec,
  image: string,
  context: RunContext,
  scope: CellScope,
  step: StepTimer,
): Promise<{ handle: ContainerHandle; failure?: string }> {
  const definition = serviceDefinition(spec.kind);
  const handle = await scope.start(definition.launch(spec, image, context.credentials), context.signal);
  const probe = definition.readiness(spec, handle, context.credentials);
  let lastDetail = '';
  const result = await pollUntil(
    async (remainingMs) => {
      const attempt = await probe(remainingMs, context.signal);
      lastDetail = attempt.detail;
      return attempt.ready ? attempt.detail : undefined;
    },
    {
      clock: context.clock,
      signal: context.signal,
      timeoutMs: definition.readyTimeoutMs,
      intervalMs: 50,
      maxIntervalMs: 250,
      stopWhen: handle.exited,
    },
  );
  if (result.status === 'done') {
    step.end('pass', `ready in ${Math.round(result.elapsedMs)} ms (${result.value})`);
    return { handle };
  }
  const exit = handle.exitInfo();
  const why =
    result.status === 'stopped'
      ? `exited with code ${exit?.code ?? '?'} before it was ready`
      : `was not ready within ${definition.readyTimeoutMs / 1000} s (last probe: ${lastDetail})`;
  const tail = handle.logs.tail(LOG_TAIL).join('\n');
  const message = `service ${spec.name} (${image}) ${why}${tail ? `; its log ends:\n${tail}` : ''}`;
  step.end(spec.kind === 'custom' ? 'fail' : 'error', message);
  // A built-in service is our infrastructure: its failure makes the cell untestable, not the app failed.
  if (spec.kind !== 'custom') {
    throw new InfraError(
      'engine-error',
      message,
      `check the ${spec.kind} image (\`stagebisect images build\`) and the engine's resources`,
    );
  }
  return { handle, failure: message };
}

export async function startServices(
  cell: Cell,
  images: Readonly<Record<string, ImageRef>>,
  context: RunContext,
  scope: CellScope,
  step: (id: StepId, title: string) => StepTimer,
): Promise<StartedServices> {
  const attributes: Record<string, Record<string, string>> = {};
  const handles: Record<string, ContainerHandle> = {};
  for (const spec of cell.phase.services) {
    attributes[spec.name] = serviceDefinition(spec.kind).attributes(spec, context.credentials);
  }
  const results = await Promise.allSettled(
    cell.phase.services.map(async (spec) => {
      const timer = step(`service:${spec.name}`, `service ${spec.name}`);
      try {
        const started = await startOne(spec, images[spec.name]!.ref, context, scope, timer);
        handles[spec.name] = started.handle;
        return started.failure;
      } catch (error) {
        timer.end('error', error instanceof Error ? error.message : String(error));
        throw error;
      }
    }),
  );
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  const failure = results
    .map((r) => (r.status === 'fulfilled' ? r.value : undefined))
    .find((f) => f !== undefined);
  return { attributes, handles, ...(failure ? { failure } : {}) };
}
