// What stagebisect keeps on the host between runs (dependency trees, downloads), how big it is, and
// pruning it: for one project, only what no other project uses.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { hostCacheRoot, USERS } from './node-dependencies.js';

export interface HostCacheUsage {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  readonly what: string;
}

/** The host caches, documented in docs/caches.md. */
const CACHES: readonly { readonly name: string; readonly what: string }[] = [
  {
    name: 'node-deps',
    what: 'node dependency trees made on the host, one per distinct set (shared by projects)',
  },
  { name: 'npm-packages', what: 'Node and npm downloaded from the npm registry for local images (shared)' },
];

async function sizeOf(target: string): Promise<number> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const child of await readdir(target).catch(() => [] as string[]))
    total += await sizeOf(path.join(target, child));
  return total;
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

/**
 * Frees dependency trees: a project's claim on each when `project` is named (a tree goes when no project
 * claims it), every tree otherwise. Downloads are shared by every project and stay unless `all`.
 */
export async function pruneHostCaches(options: { project?: string; all?: boolean }): Promise<number> {
  const root = hostCacheRoot();
  const trees = path.join(root, 'node-deps');
  let freed = 0;
  for (const name of await readdir(trees).catch(() => [] as string[])) {
    const tree = path.join(trees, name);
    if (options.project) {
      const users = path.join(tree, USERS);
      const claimed = await readdir(users).catch(() => [] as string[]);
      if (!claimed.includes(options.project)) continue;
      await rm(path.join(users, options.project), { force: true });
      if (claimed.length > 1) continue;
    }
    freed += await sizeOf(tree);
    await rm(tree, { recursive: true, force: true });
  }
  if (options.all && !options.project) {
    const downloads = path.join(root, 'npm-packages');
    freed += await sizeOf(downloads);
    await rm(downloads, { recursive: true, force: true });
  }
  return freed;
}
