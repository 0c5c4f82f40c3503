// Runs the built CLI as a user would (node bin/stagebisect.js, CI=true) and reads its --json document.
import { execa, type ResultPromise } from 'execa';

export const CLI_BIN = new URL('../../bin/stagebisect.js', import.meta.url).pathname;
export const REPO_ROOT = new URL('../..', import.meta.url).pathname;

export interface CliOptions {
  /** Added to (or, with undefined, removed from) the test process's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Kills the CLI when it runs longer; the test then fails on its exit code. */
  readonly timeoutMs?: number;
}

export interface CliRun {
  readonly args: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The pid of the CLI process: every resource it made carries it as `stagebisect.pid`. */
  readonly pid: number;
  readonly durationMs: number;
  /** The parsed --json document; throws with the CLI's output when stdout is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever the document holds
  readonly json: any;
}

function environment(extra: CliOptions['env']): Record<string, string> {
  const merged = { ...process.env, CI: 'true', ...extra };
  return Object.fromEntries(
    Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Starts the CLI without waiting for it, for tests that signal it mid-run. */
export function startCli(
  args: readonly string[],
  options: CliOptions = {},
): ResultPromise<{ reject: false }> {
  return execa('node', [CLI_BIN, ...args], {
    reject: false,
    cwd: options.cwd ?? REPO_ROOT,
    env: environment(options.env),
    extendEnv: false,
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
  }) as ResultPromise<{ reject: false }>;
}

/** Runs the CLI to its end. */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const started = performance.now();
  const child = startCli(args, options);
  const pid = child.pid ?? -1;
  const result = await child;
  const durationMs = performance.now() - started;
  const exitCode = result.exitCode ?? (result.signal ? 128 : -1);
  const stdout = String(result.stdout);
  const stderr = String(result.stderr);
  let parsed: unknown;
  let parseError: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch (error) {
    parseError = error;
  }
  return {
    args,
    exitCode,
    stdout,
    stderr,
    pid,
    durationMs,
    get json() {
      if (parseError !== undefined) {
        throw new Error(
          `stagebisect ${args.join(' ')} (exit ${exitCode}) printed no JSON document: ${String(parseError)}\n` +
            `stdout:\n${stdout.slice(-3000)}\nstderr:\n${stderr.slice(-3000)}`,
        );
      }
      return parsed;
    },
  };
}

/** The CLI's own account of a run, for assertion messages: what it printed to stderr, trimmed. */
export function transcript(run: CliRun): string {
  return `stagebisect ${run.args.join(' ')} exited ${run.exitCode} after ${Math.round(run.durationMs)} ms\n${run.stderr.slice(-4000)}`;
}
