// What the import and exit checks share: one command in a fresh container of the app's image, judged by
// its exit code within a deadline.
import type { CheckContext, CheckOutcome } from './check.js';

export interface OneShotCheck {
  readonly role: string;
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly expectedCode: number;
  /** The sentences a report shows for each outcome. */
  readonly say: {
    readonly timedOut: string;
    readonly wrongCode: (code: number) => string;
    readonly passed: (durationMs: number) => string;
  };
}

export async function runOneShotCheck(check: OneShotCheck, context: CheckContext): Promise<CheckOutcome> {
  const result = await context.cell.runOnce(
    {
      role: check.role,
      image: context.image,
      command: check.command,
      env: check.env,
      ...(context.memoryBytes ? { memoryBytes: context.memoryBytes } : {}),
    },
    check.timeoutMs,
    context.signal,
  );
  const durationMs = Math.round(result.durationMs);
  const evidence = { exitCode: result.exitCode, oomKilled: result.oomKilled, durationMs };
  const output = result.output;
  if (result.timedOut)
    return { status: 'fail', message: check.say.timedOut, evidence: { ...evidence, timedOut: true }, output };
  if (result.exitCode !== check.expectedCode) {
    return { status: 'fail', message: check.say.wrongCode(result.exitCode), evidence, output };
  }
  return { status: 'pass', message: check.say.passed(durationMs), evidence, output };
}
