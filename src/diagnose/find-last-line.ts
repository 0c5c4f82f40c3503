// Finds the last line that matches a pattern: the newest occurrence is the one that stopped the app.
export interface LineMatch {
  readonly index: number;
  readonly line: string;
  readonly match: RegExpExecArray;
}

/** The last line matching `pattern` (searched from the end), or undefined. */
export function findLastLine(lines: readonly string[], pattern: RegExp): LineMatch | undefined {
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index] ?? '';
    const match = pattern.exec(line);
    if (match) return { index, line, match };
  }
  return undefined;
}

/** The first line at or after `from` matching `pattern`, stopping before `to`. */
export function findNextLine(
  lines: readonly string[],
  pattern: RegExp,
  from: number,
  to: number = lines.length,
): LineMatch | undefined {
  for (let index = Math.max(0, from); index < Math.min(to, lines.length); index++) {
    const line = lines[index] ?? '';
    const match = pattern.exec(line);
    if (match) return { index, line, match };
  }
  return undefined;
}
