// Paths as messages show them: relative to the working directory when they are below it.
import path from 'node:path';

export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') ? file : relative;
}
