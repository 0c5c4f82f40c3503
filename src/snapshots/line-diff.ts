// Pure: the lines one text removes and adds over another, in order (a longest-common-subsequence diff;
// Dockerfiles and lockfiles here are a few hundred lines at most).

export interface LineChange {
  readonly op: '-' | '+';
  readonly line: string;
}

export function lineDiff(before: string, after: string): LineChange[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] =
        a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const changes: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lengths[i + 1]![j]! >= lengths[i]![j + 1]!)) {
      // Removals before additions, as a reader expects a replaced line to read.
      changes.push({ op: '-', line: a[i++]! });
    } else {
      changes.push({ op: '+', line: b[j++]! });
    }
  }
  return changes;
}
