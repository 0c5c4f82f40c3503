// log: the app logs an expected line in time, and has not logged a forbidden one by then. A check with only
// `forbid` watches its whole window (`within_s`): the app must not log the text in that time.
import type { LogCheckSpec } from '../model.js';
import { pollUntil } from '../timing/poll.js';
import type { Check, CheckContext, CheckOutcome } from './check.js';
import { textMatcher } from './text-matcher.js';

function watch(until: () => boolean, spec: LogCheckSpec, context: CheckContext) {
  return pollUntil(async () => (until() ? true : undefined), {
    clock: context.clock,
    signal: context.signal,
    timeoutMs: spec.timeoutMs,
    intervalMs: 20,
    maxIntervalMs: 100,
    stopWhen: context.app.exited,
  });
}

export const logCheck: Check<LogCheckSpec> = {
  kind: 'log',
  async run(spec, context): Promise<CheckOutcome> {
    const logs = context.app.logs;
    const expected = spec.expect !== undefined ? textMatcher(spec.expect) : undefined;
    const forbidden = spec.forbid !== undefined ? textMatcher(spec.forbid) : undefined;
    const forbiddenSeen = (): boolean => forbidden?.(logs.text()) ?? false;
    const window = `${spec.timeoutMs / 1000} s`;
    if (expected) {
      const seen = await watch(() => expected(logs.text()) || forbiddenSeen(), spec, context);
      const found = expected(logs.text());
      if (!found && !forbiddenSeen()) {
        const why = seen.status === 'stopped' ? 'before the app exited' : `within ${window}`;
        return {
          status: 'fail',
          message: `did not log ${JSON.stringify(spec.expect)} ${why}`,
          evidence: { elapsedMs: Math.round(seen.elapsedMs) },
        };
      }
    }
    // Forbid alone: watch the whole window, ending early only when the app exits (then judge what it logged).
    const watched = expected ? undefined : await watch(forbiddenSeen, spec, context);
    const elapsed: Record<string, number> = watched ? { elapsedMs: Math.round(watched.elapsedMs) } : {};
    if (forbiddenSeen()) {
      return {
        status: 'fail',
        message: `logged the forbidden ${JSON.stringify(spec.forbid)}`,
        evidence: elapsed,
      };
    }
    if (expected) return { status: 'pass', message: `logged ${JSON.stringify(spec.expect)}`, evidence: {} };
    const during = watched?.status === 'stopped' ? 'before the app exited' : `in ${window}`;
    return {
      status: 'pass',
      message: `has not logged ${JSON.stringify(spec.forbid)} ${during}`,
      evidence: elapsed,
    };
  },
};
