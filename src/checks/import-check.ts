// import: the module imports in a fresh container with only the declared env, no secrets: an app that
// needs a secret just to be imported fails here, as it would in a build step or a worker.
import type { ImportCheckSpec } from '../model.js';
import type { Check, CheckOutcome } from './check.js';
import { runOneShotCheck } from './one-shot.js';

export const importCheck: Check<ImportCheckSpec> = {
  kind: 'import',
  run(spec, context): Promise<CheckOutcome> {
    return runOneShotCheck(
      {
        role: 'import',
        command: context.stack.importArgv(spec.module),
        env: context.declaredEnv,
        timeoutMs: spec.timeoutMs,
        expectedCode: 0,
        say: {
          timedOut: `importing ${spec.module} did not finish within ${spec.timeoutMs / 1000} s`,
          wrongCode: (code) => `importing ${spec.module} failed with exit code ${code}`,
          passed: (ms) => `imported ${spec.module} in ${ms} ms`,
        },
      },
      context,
    );
  },
};
