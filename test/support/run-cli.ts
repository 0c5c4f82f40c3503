// Runs the built CLI as a user would, and parses its --json document.
import { execa } from 'execa';

const BIN = new URL('../../bin/stagebisect.js', import.meta.url).pathname;

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the document holds
  readonly json: any;
  readonly pid: number;
}

export async function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  const child = execa('node', [BIN, ...args], {
    reject: false,
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, CI: 'true', ...options.env },
  });
  const result = await child;
  let json: unknown;
  try {
    json = args.includes('--json') ? JSON.parse(result.stdout) : undefined;
  } catch {
    json = undefined;
  }
  return {
    exitCode: result.exitCode ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    json,
    pid: child.pid ?? -1,
  };
}
