// Turns the raw text a failing cell left behind into the lines the rules read.
import { stripAnsi } from '../text/strip-ansi.js';
import type { DiagnosisInput } from './diagnosis-input.js';

/**
 * Splits text into lines with colour codes and carriage returns removed; the words stay verbatim. The
 * drivers strip colour as output arrives; evidence from elsewhere (a saved verdict, a test) may still have
 * it: apt's "E: Unable to locate package x" can arrive as "ESC[91mE:ESC[0mESC[91m Unable to locate ...".
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  return stripAnsi(text).split(/\r?\n|\r/);
}

/** What the app container printed: where a start command, a crash or a bind address shows. */
export function appLogLines(input: DiagnosisInput): string[] {
  return splitLines(input.appLog);
}

/**
 * Every line a rule may read for the stage the cell stopped in: the build output for a failed build,
 * otherwise the app log, the failing check's own output, its message and its textual evidence.
 */
export function evidenceLines(input: DiagnosisInput): string[] {
  if (input.stage === 'build') return splitLines(input.buildOutput);
  const lines = [...splitLines(input.appLog), ...splitLines(input.checkOutput)];
  const check = input.failedCheck;
  if (check) {
    lines.push(...splitLines(check.message));
    for (const value of Object.values(check.evidence)) {
      if (typeof value === 'string') lines.push(...splitLines(value));
    }
  }
  return lines;
}
