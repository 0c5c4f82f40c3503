// Reads the report an env validator prints before it exits: envalid lists "Missing environment
// variables:" and then one `NAME: message` line per variable (coloured; the colour is stripped before).
import { findLastLine } from './find-last-line.js';

const MISSING_HEADER = /^\s*Missing environment variables:\s*$/;
const VARIABLE = /^\s+([A-Z_][A-Z0-9_]*): /;

export interface ValidatorReport {
  /** The variables the validator says are missing, in its order. */
  readonly names: readonly string[];
  /** The header and the lines naming them, verbatim. */
  readonly evidence: readonly string[];
}

export function missingFromValidator(lines: readonly string[]): ValidatorReport | undefined {
  const header = findLastLine(lines, MISSING_HEADER);
  if (!header) return undefined;
  const names: string[] = [];
  const evidence = [header.line];
  for (let i = header.index + 1; i < lines.length; i++) {
    const name = VARIABLE.exec(lines[i] ?? '')?.[1];
    if (name === undefined) break;
    names.push(name);
    evidence.push(lines[i] ?? '');
  }
  return names.length > 0 ? { names, evidence } : undefined;
}
