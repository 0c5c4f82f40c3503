// Runs one cell of a plan over a FakeDriver in a run session, recording every event: what engine tests of
// a cell's stages share.
import type { RunEvent } from '../../src/engine/events.js';
import { runCell } from '../../src/engine/run-cell.js';
import { withRunSession } from '../../src/engine/run-session.js';
import type { Plan, Verdict } from '../../src/model.js';
import { FakeClock } from './fake-clock.js';
import { FakeDriver, type FakeDriverOptions, type PhaseScript } from './fake-driver.js';

export interface Outcome {
  readonly verdict: Verdict;
  readonly driver: FakeDriver;
  readonly clock: FakeClock;
  readonly events: RunEvent[];
}

export interface RunOptions {
  /** Another plan than the harness's. */
  readonly plan?: Plan;
  readonly hostEnv?: Record<string, string>;
  readonly controller?: AbortController;
  readonly onEvent?: (event: RunEvent) => void;
}

/** A FakeDriver scripted by `phases` (and `driver`'s other options) and a function that runs one phase. */
export function harness(
  plan: Plan,
  phases: Record<string, PhaseScript>,
  driverOptions: Omit<FakeDriverOptions, 'clock' | 'phases'> = {},
) {
  const clock = new FakeClock();
  const driver = new FakeDriver({ ...driverOptions, clock, phases });
  const events: RunEvent[] = [];
  const run = (phaseName: string, options: RunOptions = {}): Promise<Verdict> => {
    const cellPlan = options.plan ?? plan;
    const phase = cellPlan.phases.find((p) => p.name === phaseName)!;
    const session = {
      driver,
      images: driver.imageProvider(),
      host: driver.hostInputs(),
      project: cellPlan.name,
      clock,
      signal: (options.controller ?? new AbortController()).signal,
      emit: (event: RunEvent) => {
        events.push(event);
        options.onEvent?.(event);
      },
      hostEnv: options.hostEnv ?? {},
    };
    return withRunSession(session, (context) =>
      runCell({ project: cellPlan, phase, runtime: cellPlan.defaultRuntime }, context),
    );
  };
  return { clock, driver, events, run };
}

export async function runPhase(
  plan: Plan,
  phaseName: string,
  phases: Record<string, PhaseScript>,
  options: RunOptions = {},
  driverOptions: Omit<FakeDriverOptions, 'clock' | 'phases'> = {},
): Promise<Outcome> {
  const h = harness(plan, phases, driverOptions);
  const verdict = await h.run(phaseName, options);
  return { verdict, driver: h.driver, clock: h.clock, events: h.events };
}

/** `step status` of every step that ended, in order. */
export const stepEnds = (events: readonly RunEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'step-end' ? [`${e.step} ${e.status}`] : []));
