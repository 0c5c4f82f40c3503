// The three kinds of trouble, never mixed: the user's config, the infrastructure, and our own bugs.
// A failing app is not an error at all: it is a Verdict.

/** One problem in one file, at one position, with what was expected and how to fix it. */
export interface ConfigIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly fix?: string;
}

/** An issue at a position in a file. */
export function issueAt(
  at: { readonly file: string; readonly line: number; readonly column: number },
  message: string,
  fix?: string,
): ConfigIssue {
  return { file: at.file, line: at.line, column: at.column, message, ...(fix ? { fix } : {}) };
}

/** One line per issue; a fix that shows a few lines of YAML goes below it, indented. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const fix = issue.fix?.replace(/\n/g, '\n      ');
  return fix ? `${where}: ${issue.message}. Fix: ${fix}` : `${where}: ${issue.message}`;
}

/** The user's files are wrong. Carries every issue found, not just the first. Exit code 2. */
export class ConfigError extends Error {
  readonly kind = 'config';
  constructor(readonly issues: readonly ConfigIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`configuration has ${count}:\n${issues.map((i) => `  ${formatConfigIssue(i)}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The command line is wrong (unknown phase, malformed runtime). Exit code 2. */
export class UsageError extends Error {
  readonly kind = 'usage';
  constructor(
    message: string,
    readonly remedy?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export type InfraCode =
  | 'engine-unreachable'
  | 'engine-error'
  | 'image-unavailable'
  | 'image-build-failed'
  | 'pull-failed'
  | 'disk-full'
  | 'tool-missing'
  | 'runtime-unavailable'
  /** The npm registry could not be reached, or refused this host's credentials, while resolving dependencies. */
  | 'registry-unreachable'
  | 'timeout';

/** The engine, an image, the disk or a host tool failed: not the app's fault. Exit code 125. */
export class InfraError extends Error {
  readonly kind = 'infra';
  constructor(
    readonly code: InfraCode,
    message: string,
    readonly remedy: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'InfraError';
  }
}

/** The run was cancelled (Ctrl-C, SIGTERM). Exit code 130. */
export class InterruptedError extends Error {
  readonly kind = 'interrupted';
  constructor(reason = 'interrupted') {
    super(reason);
    this.name = 'InterruptedError';
  }
}

/** Turns an aborted signal into the error every waiter throws, so cancellation reads the same everywhere. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new InterruptedError();
}

export function isInterrupted(error: unknown): boolean {
  return error instanceof InterruptedError || (error instanceof Error && error.name === 'AbortError');
}
