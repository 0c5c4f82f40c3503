// Reads the frames of a Python traceback, so a rule can say which file and line raised the error.
import { appRelativePath, isAppPath } from './app-path.js';

export interface PythonFrame {
  /** The path as printed, e.g. `/app/app/main.py` or `<frozen importlib._bootstrap>`. */
  readonly path: string;
  readonly line: number;
  readonly index: number;
  /** The source line Python printed under the frame, if any. */
  readonly source?: string;
}

const FRAME = /^\s*File "([^"]+)", line (\d+)/;
// Lines Python prints under a frame that are not source: carets and tildes marking the failing span.
const MARKER = /^\s*[~^]+\s*$/;

function frameAt(lines: readonly string[], index: number): PythonFrame | undefined {
  const match = FRAME.exec(lines[index] ?? '');
  if (!match) return undefined;
  const next = lines[index + 1];
  const source = next !== undefined && !FRAME.test(next) && !MARKER.test(next) ? next.trim() : undefined;
  return { path: match[1] ?? '', line: Number(match[2]), index, ...(source ? { source } : {}) };
}

/**
 * The frame nearest above `index` that is real code (not `<frozen ...>` or `<string>`), looking back no
 * further than the traceback's first line: the file and line that raised the error at `index`.
 */
export function codeFrameAbove(lines: readonly string[], index: number): PythonFrame | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.startsWith('Traceback (most recent call last)')) return undefined;
    const frame = frameAt(lines, i);
    if (frame && !frame.path.startsWith('<')) return frame;
  }
  return undefined;
}

/** The nearest frame above `index` that lies in the app's own code, the line a user would open. */
export function appFrameAbove(lines: readonly string[], index: number): PythonFrame | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.startsWith('Traceback (most recent call last)')) return undefined;
    const frame = frameAt(lines, i);
    if (frame && isAppPath(frame.path)) return frame;
  }
  return undefined;
}

/** `path:line` with the container's /app/ removed, as a subject a user can open. */
export function frameLocation(frame: PythonFrame): string {
  return `${appRelativePath(frame.path)}:${frame.line}`;
}
