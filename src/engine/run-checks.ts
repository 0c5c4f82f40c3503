// Runs a cell's checks in order (earlier layers' first) and stops at the first failure: what follows is
// reported as skipped, so a crash is reported in the time it takes to crash.
import type { CheckContext, CheckOutcome } from '../checks/check.js';
import { runCheck } from '../checks/checks.js';
import type { Cell, CheckResult, ListeningSocket } from '../model.js';
import type { StepId } from './events.js';
import type { StepTimer } from './step-timer.js';

export interface ChecksOutcome {
  readonly results: CheckResult[];
  /** Why the cell failed, when a check failed or the app did not stay up. */
  readonly failure?: string;
  /** What the failing check's own process printed. */
  readonly failedOutput: string;
  /** What the app listened on when the failure was seen. */
  readonly listening: ListeningSocket[];
}

const OUTPUT_EVIDENCE_CHARS = 4000;

/**
 * A check that runs a process of its own (import, exit) would otherwise outlive a crashed app: the app's
 * exit ends every check at once, so a crash is reported in the time it takes to crash.
 */
async function untilAppExits(check: Promise<CheckOutcome>, context: CheckContext): Promise<CheckOutcome> {
  // The abandoned check ends when its container is removed; its outcome no longer matters.
  check.catch(() => undefined);
  const exited = context.app.exited.then(
    (exit): CheckOutcome => ({
      status: 'fail',
      message: `the app exited with code ${exit.code} while this check ran`,
      evidence: { exitCode: exit.code, oomKilled: exit.oomKilled },
    }),
    // Losing sight of the container is not an exit: the check itself decides then.
    () => new Promise<CheckOutcome>(() => undefined),
  );
  return Promise.race([check, exited]);
}

export async function runChecks(
  cell: Cell,
  context: CheckContext,
  step: (id: StepId, title: string) => StepTimer,
): Promise<ChecksOutcome> {
  const results: CheckResult[] = [];
  let failure: string | undefined;
  let failedOutput = '';
  let listening: ListeningSocket[] = [];
  for (const [index, spec] of cell.phase.checks.entries()) {
    const base = { label: spec.label, kind: spec.kind, phase: spec.phase };
    if (failure) {
      results.push({
        ...base,
        status: 'skipped',
        durationMs: 0,
        message: 'not run: an earlier check failed',
        evidence: {},
      });
      continue;
    }
    const timer = step(`check:${index}`, spec.label);
    const outcome = await untilAppExits(runCheck(spec, context), context);
    const evidence = {
      ...outcome.evidence,
      ...(outcome.output ? { output: outcome.output.slice(-OUTPUT_EVIDENCE_CHARS) } : {}),
    };
    const durationMs = timer.end(outcome.status, outcome.message);
    results.push({ ...base, status: outcome.status, durationMs, message: outcome.message, evidence });
    if (outcome.status === 'fail') {
      failure = `${spec.label} (from phase ${spec.phase}): ${outcome.message}`;
      failedOutput = outcome.output ?? '';
      listening = await context.app.listeningSockets(context.signal);
    }
  }
  const exit = context.app.exitInfo();
  if (!failure && exit) {
    failure = `the app exited with code ${exit.code} while its checks ran; a service must keep running`;
  }
  return { results, ...(failure ? { failure } : {}), failedOutput, listening };
}
