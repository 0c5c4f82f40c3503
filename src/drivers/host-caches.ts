// What stagebisect keeps on the host between runs (dependency trees, downloads), how big it is, and
// pruning it: for one project, only the trees no other project uses; staging directories that a killed
// process left behind, whenever the cache is pruned.
import { readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultTreeCacheRoot, TreeCache } from '../dependencies/tree-cache.js';
import { isRunAlive } from './process-liveness.js';

export interface HostCacheUsage {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  readonly what: string;
}

/** Where stagebisect keeps what it makes on the host: dependency trees, downloads. */
function hostCacheRoot(): string {
  return path.dirname(defaultTreeCacheRoot());
}

/** The host caches, documented in docs/caches.md. */
const CACHES: readonly { readonly name: string; readonly what: string }[] = [
  {
    name: 'node-trees',
    what: 'node dependency trees resolved on the host, one per distinct set of inputs (shared by projects)',
  },
  { name: 'npm-packages', what: 'Node and npm downloaded from the npm registry for local images (shared)' },
];

/** Where stagebisect 0.1 installed node dependencies; nothing reads it any more. */
const LEGACY_TREES = 'node-deps';

async function sizeOf(target: string): Promise<number> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const child of await readdir(target).catch(() => [] as string[]))
    total += await sizeOf(path.join(target, child));
  return total;
}

/** Removes `target` and says how many bytes it held. */
async function remove(target: string): Promise<number> {
  const bytes = await sizeOf(target);
  await rm(target, { recursive: true, force: true });
  return bytes;
}

export async function hostCacheUsage(): Promise<HostCacheUsage[]> {
  const root = hostCacheRoot();
  return Promise.all(
    CACHES.map(async (cache) => {
      const dir = path.join(root, cache.name);
      return { ...cache, path: dir, bytes: await sizeOf(dir) };
    }),
  );
}

/** Staging directories whose process is gone (killed mid-install): nobody will finish or remove them. */
async function pruneDeadStagings(trees: TreeCache): Promise<number> {
  let freed = 0;
  for (const staging of await trees.stagings()) {
    const info = await stat(staging.path).catch(() => undefined);
    if (!info) continue;
    const owner = { pid: staging.pid, host: os.hostname(), startedMs: info.birthtimeMs || info.mtimeMs };
    if (!isRunAlive(owner)) freed += await remove(staging.path);
  }
  return freed;
}

/** A project's claim on each tree it used; a tree goes when no other project claims it. */
async function pruneProjectTrees(trees: TreeCache, project: string): Promise<number> {
  const users = await trees.users();
  let freed = 0;
  for (const hash of users.get(project) ?? []) {
    await trees.forgetUser(project, hash);
    const shared = [...users].some(([other, hashes]) => other !== project && hashes.has(hash));
    if (!shared) freed += await remove(trees.dir(hash));
  }
  return freed;
}

/**
 * Frees dependency trees: a project's claim on each when `project` is named (a tree goes when no project
 * claims it), every tree otherwise. Downloads are shared by every project and stay unless `all`.
 */
export async function pruneHostCaches(options: { project?: string; all?: boolean }): Promise<number> {
  const root = hostCacheRoot();
  const trees = new TreeCache(path.join(root, 'node-trees'));
  let freed = (await pruneDeadStagings(trees)) + (await remove(path.join(root, LEGACY_TREES)));
  if (options.project) return freed + (await pruneProjectTrees(trees, options.project));
  for (const hash of await trees.hashes()) freed += await remove(trees.dir(hash));
  await trees.forgetAllUsers();
  if (options.all) freed += await remove(path.join(root, 'npm-packages'));
  return freed;
}
