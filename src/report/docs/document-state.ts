// What a deployment strategy document said, kept in the document itself (a trailing HTML comment, which
// Markdown does not show), so the next one can say what changed since; when nothing did, it repeats the
// changes the previous one listed, and the file stays byte-identical.

export interface StateCell {
  readonly phase: string;
  readonly index: number;
  readonly runtime: string;
  /** pass, fail, untested, excluded, with `(inferred)` when not run. */
  readonly status: string;
  /** The key of the cell's snapshot, for passing cells that have one. */
  readonly key?: string;
}

export interface DocumentState {
  readonly version: 1;
  readonly cells: readonly StateCell[];
  readonly env: readonly string[];
  /** What changed since the document before it; null for a first document. */
  readonly changes: readonly string[] | null;
}

const OPEN = '<!-- stagebisect:docs-state ';
const CLOSE = ' -->';

export function readDocumentState(markdown: string): DocumentState | undefined {
  const at = markdown.lastIndexOf(OPEN);
  if (at < 0) return undefined;
  const end = markdown.indexOf(CLOSE, at);
  try {
    const state = JSON.parse(markdown.slice(at + OPEN.length, end)) as DocumentState;
    return state.version === 1 && Array.isArray(state.cells) && Array.isArray(state.env) ? state : undefined;
  } catch {
    return undefined;
  }
}

export function embedDocumentState(markdown: string, state: DocumentState): string {
  // `>` escaped, so no name can end the comment early.
  const json = JSON.stringify(state).replace(/>/g, '\\u003e');
  return `${markdown.replace(/\n*$/, '\n')}\n${OPEN}${json}${CLOSE}\n`;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function describeCell(cell: StateCell): string {
  return `${cell.status}${cell.key ? ` (snapshot ${cell.key.slice(0, 12)})` : ''}`;
}

/** What changed from `previous` to the cells and env now, in sentences; null when there was none. */
export function changesSince(
  previous: DocumentState | undefined,
  cells: readonly StateCell[],
  env: readonly string[],
): readonly string[] | null {
  if (!previous) return null;
  if (same(previous.cells, cells) && same(previous.env, env)) return previous.changes;
  const id = (c: StateCell): string => `${c.phase}@${c.runtime}`;
  const before = new Map(previous.cells.map((c) => [id(c), c]));
  const after = new Map(cells.map((c) => [id(c), c]));
  const order = [...new Map([...previous.cells, ...cells].map((c) => [id(c), c])).values()].sort(
    (a, b) => a.index - b.index || (a.runtime < b.runtime ? -1 : a.runtime > b.runtime ? 1 : 0),
  );
  const changes: string[] = [];
  for (const cell of order) {
    const was = before.get(id(cell));
    const is = after.get(id(cell));
    if (same(was, is)) continue;
    const where = `${cell.phase} on ${cell.runtime}`;
    if (!was) changes.push(`${where}: now tested, ${describeCell(is!)}`);
    else if (!is) changes.push(`${where}: no longer reported (was ${describeCell(was)})`);
    else if (was.status === is.status)
      changes.push(`${where}: a new working configuration, ${describeCell(was)} → ${describeCell(is)}`);
    else changes.push(`${where}: ${describeCell(was)} → ${describeCell(is)}`);
  }
  const added = env.filter((n) => !previous.env.includes(n));
  const removed = previous.env.filter((n) => !env.includes(n));
  if (added.length) changes.push(`env added: ${added.join(', ')}`);
  if (removed.length) changes.push(`env removed: ${removed.join(', ')}`);
  return changes;
}
