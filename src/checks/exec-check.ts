// exec: a command run inside the running app container exits as expected (and prints what is expected).
import type { ExecCheckSpec } from '../model.js';
import type { Check, CheckOutcome } from './check.js';
import { textMatcher } from './text-matcher.js';

export const execCheck: Check<ExecCheckSpec> = {
  kind: 'exec',
  async run(spec, context): Promise<CheckOutcome> {
    if (context.app.exitInfo()) {
      return {
        status: 'fail',
        message: 'the app had exited, so nothing could run in it',
        evidence: { exitCode: context.app.exitInfo()!.code },
      };
    }
    const result = await context.app.exec(['sh', '-c', spec.command], {
      timeoutMs: spec.timeoutMs,
      signal: context.signal,
    });
    const evidence = { exitCode: result.exitCode };
    if (result.timedOut) {
      return {
        status: 'fail',
        message: `did not finish within ${spec.timeoutMs / 1000} s`,
        evidence: { timedOut: true },
        output: result.output,
      };
    }
    if (result.exitCode !== spec.expect.exit) {
      return {
        status: 'fail',
        message: `exited with ${result.exitCode}, expected ${spec.expect.exit}`,
        evidence,
        output: result.output,
      };
    }
    if (spec.expect.output !== undefined && !textMatcher(spec.expect.output)(result.output)) {
      return {
        status: 'fail',
        message: `did not print ${JSON.stringify(spec.expect.output)}`,
        evidence,
        output: result.output,
      };
    }
    return { status: 'pass', message: `exited with ${result.exitCode}`, evidence, output: result.output };
  },
};
