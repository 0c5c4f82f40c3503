// exit: a one-off command (a worker tick, a migration) runs in a fresh container with the app's env and
// exits with the expected code in time.
import type { ExitCheckSpec } from '../model.js';
import type { Check, CheckOutcome } from './check.js';
import { runOneShotCheck } from './one-shot.js';

export const exitCheck: Check<ExitCheckSpec> = {
  kind: 'exit',
  run(spec, context): Promise<CheckOutcome> {
    return runOneShotCheck(
      {
        role: 'exit',
        command: ['sh', '-c', spec.command],
        env: context.env,
        timeoutMs: spec.timeoutMs,
        expectedCode: spec.code,
        say: {
          timedOut: `did not exit within ${spec.timeoutMs / 1000} s`,
          wrongCode: (code) => `exited with ${code}, expected ${spec.code}`,
          passed: (ms) => `exited with ${spec.code} in ${ms} ms`,
        },
      },
      context,
    );
  },
};
