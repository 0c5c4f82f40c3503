// How a command names a file it wrote or read: relative to where the user stands when it is below there,
// absolute otherwise (`../../work/app/x.md` is harder to read than `/work/app/x.md`).
import path from 'node:path';

export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  if (relative === '') return '.';
  if (relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}
