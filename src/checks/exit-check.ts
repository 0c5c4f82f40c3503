// exit: a one-off command (a worker tick, a migration) runs in a fresh container with the app's env and
// exits with the expected code in time.
import type { ExitCheckSpec } from '../model.js';
import type { Check, CheckOutcome } from './check.js';

export const exitCheck: Check<ExitCheckSpec> = {
  kind: 'exit',
  async run(spec, context): Promise<CheckOutcome> {
    const result = await context.cell.runOnce(
      {
        role: 'exit',
        image: context.image,
        command: ['sh', '-c', spec.command],
        env: context.env,
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
        message: `did not exit within ${spec.timeoutMs / 1000} s`,
        evidence: { ...evidence, timedOut: true },
        output: result.output,
      };
    }
    if (result.exitCode !== spec.code) {
      return {
        status: 'fail',
        message: `exited with ${result.exitCode}, expected ${spec.code}`,
        evidence,
        output: result.output,
      };
    }
    return {
      status: 'pass',
      message: `exited with ${spec.code} in ${Math.round(result.durationMs)} ms`,
      evidence,
      output: result.output,
    };
  },
};
