// The fallback diagnosis: no rule recognised the failure, so quote the most telling line and claim nothing.
import type { Diagnosis } from '../model.js';
import type { DiagnosisInput } from './diagnosis-input.js';
import { evidenceLines } from './evidence-lines.js';
import { findLastLine } from './find-last-line.js';

// An exception or error named at the start of a line: "ZeroDivisionError: ...", "Error: ...", "E: ...".
const ERROR_HEAD =
  /^(?:[A-Za-z_][\w.]*(?:Error|Exception)\b|Error\b|ERROR\b|FATAL\b|fatal:|panic:|E: |npm (?:error|ERR!) (?!A complete log))/;
const ERROR_WORD =
  /\b(?:error|exception|failed|failure|fatal|refused|denied|cannot|can't|unable|not found|killed)\b/i;
// Lines that mention errors without being one: stack frames, and pointers to more reading.
const NOT_THE_ERROR =
  /^\s+at |^\s*File "|^\(Background on this error|A complete log of this run|^\s*For further information visit/;

// Node's report of a promise rejected with something other than an Error: no stack, only the reason.
const UNHANDLED_REJECTION = /^UnhandledPromiseRejection: .*The promise rejected with the reason "(.*)"\.$/;

/** The last line that looks like the error itself: a named exception first, any error word after. */
export function lastErrorLine(lines: readonly string[]): string | undefined {
  const candidates = lines.map((line) => (NOT_THE_ERROR.test(line) ? '' : line));
  return findLastLine(candidates, ERROR_HEAD)?.line ?? findLastLine(candidates, ERROR_WORD)?.line;
}

export function diagnoseUnclassified(input: DiagnosisInput): Diagnosis {
  const lines = evidenceLines(input);
  const line = lastErrorLine(lines)?.trim();
  const check = input.failedCheck;
  const quoted = line ?? check?.message;
  const where = `Phase '${input.phase}' failed at the ${input.stage} stage on ${input.runtime}`;
  // Still unclassified (the reason is the app's own words), but said plainly rather than quoted whole.
  const rejection = findLastLine(lines, UNHANDLED_REJECTION);
  return {
    class: 'unclassified',
    subject: null,
    summary: rejection
      ? `${where}: the app stopped on an unhandled promise rejection, with the reason "${rejection.match[1]}".`
      : quoted
        ? `${where}; the most telling line is: "${quoted}".`
        : `${where}, and left no error line to quote.`,
    remedy:
      'stagebisect does not recognise this failure, so it will not guess: read the evidence (the full log and check output are in the report) ' +
      `starting from that line, and compare phase '${input.phase}' with the phase before it.`,
    evidence: [rejection ? rejection.line : line, check?.message].filter(
      (l): l is string => l !== undefined && l !== '',
    ),
  };
}
