// The dependency tree one node cell's image gets: the project's package.json and lockfile as the base, every
// layer's `npm:` on top, dev dependencies only when the phase has a build step (as a host installs them
// before `npm run build`), resolved for the cell's exact Node. Records which project used the tree.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Cell } from '../model.js';
import { resolveDependencies, type DependencyResolution } from './resolve-dependencies.js';
import { defaultTreeCacheRoot, TreeCache } from './tree-cache.js';

export interface CellDependencyOptions {
  readonly signal: AbortSignal;
  /** Where trees are kept; the user's cache by default. */
  readonly cacheRoot?: string;
}

/** The `npm:` additions of the phase's layers, a later layer's range winning over an earlier one's. */
export function phaseAdditions(cell: Cell): Record<string, string> {
  return Object.assign({}, ...cell.phase.layers.map((layer) => layer.npm)) as Record<string, string>;
}

/**
 * The cell's tree, or undefined when it has no dependencies to install (no package.json and no `npm:`).
 * Progress says "installing" only when something is installed; a tree from the cache says so.
 */
export async function resolveCellDependencies(
  cell: Cell,
  nodeVersion: string,
  onLine: (line: string) => void,
  options: CellDependencyOptions,
): Promise<DependencyResolution | undefined> {
  const extra = phaseAdditions(cell);
  const contextDir = cell.project.contextDir;
  if (!existsSync(path.join(contextDir, 'package.json')) && Object.keys(extra).length === 0) return undefined;
  const cacheRoot = options.cacheRoot ?? defaultTreeCacheRoot();
  const resolution = await resolveDependencies(
    { contextDir, extra, includeDev: cell.phase.build !== undefined, nodeVersion },
    { signal: options.signal, cacheRoot, onProgress: (line) => onLine(`${line}…`) },
  );
  if (!resolution.ok) return resolution;
  const { tree } = resolution;
  await new TreeCache(cacheRoot).markUser(tree.hash, cell.project.name);
  if (tree.cached) onLine(`dependency tree ${tree.hash.slice(0, 12)} (cached)`);
  return resolution;
}
