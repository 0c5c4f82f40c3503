// import: the module imports in a fresh container with only the declared env, no secrets: an app that
// needs a secret just to be imported fails here, as it would in a build step or a worker.
import type { ImportCheckSpec } from '../model.js';
import type { Check, CheckOutcome } from './check.js';

export const importCheck: Check<ImportCheckSpec> = {
  kind: 'import',
  async run(spec, context): Promise<CheckOutcome> {
    const result = await context.cell.runOnce(
      {
        role: 'import',
        image: context.image,
        command: context.stack.importArgv(spec.module),
        env: context.declaredEnv,
        ...(context.memoryBytes ? { memoryBytes: context.memoryBytes } : {}),
      },
      spec.timeoutMs,
      context.signal,
    );
    const evidence = {
      exitCode: result.exitCode,
      oomKilled: result.oomKilled,
      durationMs: Math.round(result.durationMs),
    };
    if (result.timedOut) {
      return {
        status: 'fail',
        message: `importing ${spec.module} did not finish within ${spec.timeoutMs / 1000} s`,
        evidence: { ...evidence, timedOut: true },
        output: result.output,
      };
    }
    if (result.exitCode !== 0) {
      return {
        status: 'fail',
        message: `importing ${spec.module} failed with exit code ${result.exitCode}`,
        evidence,
        output: result.output,
      };
    }
    return {
      status: 'pass',
      message: `imported ${spec.module} in ${Math.round(result.durationMs)} ms`,
      evidence,
      output: result.output,
    };
  },
};
