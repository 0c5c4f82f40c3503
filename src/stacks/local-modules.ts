// The app's own modules (files and packages in the build context), so a diagnosis can tell a missing
// dependency from an import path that only works on a laptop, and never proposes installing the app's code.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

const SOURCE = /\.(py|js|mjs|cjs|ts)$/;
/** Directories that hold other people's code or build output, not the app's packages. */
const NOT_OURS = new Set(['node_modules', 'venv', 'site-packages', '__pycache__', 'dist', 'build']);
/** How deep a Python package may sit (`src/backend/` is 2) and still be taken for the app's own. */
const PACKAGE_DEPTH = 3;

type Entries = Awaited<ReturnType<typeof readEntries>>;

function readEntries(dir: string) {
  return readdir(dir, { withFileTypes: true }).catch(() => []);
}

/** Names of Python packages (directories with an `__init__.py`) below the top level, e.g. `backend` of `src/backend/`. */
async function nestedPackages(dir: string, entries: Entries, depth: number): Promise<string[]> {
  if (depth > PACKAGE_DEPTH) return [];
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || NOT_OURS.has(entry.name)) continue;
    const inner = await readEntries(path.join(dir, entry.name));
    if (depth > 1 && inner.some((e) => e.name === '__init__.py')) names.push(entry.name);
    names.push(...(await nestedPackages(path.join(dir, entry.name), inner, depth + 1)));
  }
  return names;
}

/** Top-level files and directories of the context, then the Python packages nested below them. */
export async function localModuleNames(contextDir: string): Promise<string[]> {
  const entries = await readEntries(contextDir);
  const top = entries
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || SOURCE.test(e.name)))
    .map((e) => e.name.replace(SOURCE, ''));
  const nested = await nestedPackages(contextDir, entries, 1);
  return [...new Set([...top, ...nested])];
}
