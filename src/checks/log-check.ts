// log: the app logs an expected line in time, and has not logged a forbidden one by then.
import type { LogCheckSpec } from '../model.js';
import { pollUntil } from '../timing/poll.js';
import type { Check, CheckOutcome } from './check.js';
import { textMatcher } from './text-matcher.js';

export const logCheck: Check<LogCheckSpec> = {
  kind: 'log',
  async run(spec, context): Promise<CheckOutcome> {
    const logs = context.app.logs;
    const expected = spec.expect !== undefined ? textMatcher(spec.expect) : undefined;
    const forbidden = spec.forbid !== undefined ? textMatcher(spec.forbid) : undefined;
    const forbiddenSeen = (): boolean => forbidden?.(logs.text()) ?? false;
    if (expected) {
      const seen = await pollUntil(
        async () => (expected(logs.text()) || forbiddenSeen() ? true : undefined),
        {
          clock: context.clock,
          signal: context.signal,
          timeoutMs: spec.timeoutMs,
          intervalMs: 20,
          maxIntervalMs: 100,
          stopWhen: context.app.exited,
        },
      );
      const found = expected(logs.text());
      if (!found && !forbiddenSeen()) {
        const why = seen.status === 'stopped' ? 'before the app exited' : `within ${spec.timeoutMs / 1000} s`;
        return {
          status: 'fail',
          message: `did not log ${JSON.stringify(spec.expect)} ${why}`,
          evidence: { elapsedMs: Math.round(seen.elapsedMs) },
        };
      }
    }
    if (forbiddenSeen()) {
      return { status: 'fail', message: `logged the forbidden ${JSON.stringify(spec.forbid)}`, evidence: {} };
    }
    return {
      status: 'pass',
      message: expected
        ? `logged ${JSON.stringify(spec.expect)}`
        : `has not logged ${JSON.stringify(spec.forbid)}`,
      evidence: {},
    };
  },
};
