// What every command receives: where to write, how to show progress, and the run's cancellation signal.
import type { Progress } from '../report/progress.js';

export interface CommandContext {
  readonly signal: AbortSignal;
  readonly json: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly progress: Progress;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Prints the command's result: its JSON document with --json, else the human report. */
export function printResult(context: CommandContext, document: unknown, human: () => string): void {
  context.stdout(context.json ? JSON.stringify(document, null, 2) : human());
}
