// The single place errors become messages and exit codes. Expected failures get a sentence and a remedy;
// anything else is our bug, said so plainly, with the trace that helps fix it.
import { ConfigError, formatConfigIssue, InfraError, isInterrupted, UsageError } from '../errors.js';
import { EXIT } from './exit-codes.js';

export interface ErrorOutput {
  readonly json: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const ISSUES_URL = 'https://github.com/stagebisect/stagebisect/issues';

export function handleError(error: unknown, out: ErrorOutput): number {
  const report = (
    code: number,
    kind: string,
    message: string,
    extra: Record<string, unknown> = {},
  ): number => {
    if (out.json) out.stdout(JSON.stringify({ error: { kind, exitCode: code, message, ...extra } }, null, 2));
    return code;
  };
  if (error instanceof ConfigError) {
    out.stderr(`stagebisect: ${error.message}`);
    return report(EXIT.usage, 'config', error.message, {
      issues: error.issues.map((i) => ({ ...i, text: formatConfigIssue(i) })),
    });
  }
  if (error instanceof UsageError) {
    out.stderr(`stagebisect: ${error.message}${error.remedy ? `\n  ${error.remedy}` : ''}`);
    return report(EXIT.usage, 'usage', error.message, error.remedy ? { remedy: error.remedy } : {});
  }
  if (error instanceof InfraError) {
    out.stderr(
      `stagebisect: infrastructure error (${error.code}): ${error.message}\n  remedy: ${error.remedy}\n  (the app was not judged; exit code ${EXIT.infra})`,
    );
    return report(EXIT.infra, 'infra', error.message, { code: error.code, remedy: error.remedy });
  }
  if (isInterrupted(error)) {
    out.stderr('stagebisect: interrupted; everything this run created was removed');
    return report(EXIT.interrupted, 'interrupted', 'interrupted');
  }
  const message = error instanceof Error ? error.message : String(error);
  out.stderr(
    `stagebisect: internal error: ${message}\n` +
      `This is a bug in stagebisect, not in your app. Please report it at ${ISSUES_URL} with the command you ran and this trace:\n` +
      `${error instanceof Error ? (error.stack ?? message) : message}`,
  );
  return report(EXIT.internal, 'internal', message);
}
