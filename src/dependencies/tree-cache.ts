// Where resolved dependency trees live on the host: one directory per hash, made under a unique staging
// name and renamed into place whole, so two cells or two processes can resolve at once and a reader never
// sees half a tree.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** `$XDG_CACHE_HOME/stagebisect/node-trees`, or `~/.cache/stagebisect/node-trees`. */
export function defaultTreeCacheRoot(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'stagebisect', 'node-trees');
}

/** The file a complete tree directory holds; written last, so its presence means the tree is whole. */
export const TREE_RECORD = 'tree.json';

/** `.users/<project>/<hash>`: one empty file per tree a project used, so gc frees a tree no one else uses. */
const USERS = '.users';
const STAGING = /^\.staging-[0-9a-f]+-(\d+)-[0-9a-f]+$/;

/** A staging directory and the process that made it (which may since have died without removing it). */
export interface Staging {
  readonly path: string;
  readonly pid: number;
}

export class TreeCache {
  constructor(readonly root: string) {}

  dir(hash: string): string {
    return path.join(this.root, hash);
  }

  /** The record of a finished tree, or undefined when there is none (or it cannot be read). */
  async read<T>(hash: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(path.join(this.dir(hash), TREE_RECORD), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /** A fresh, empty directory beside the final ones (same file system: the rename is atomic). */
  async stage(hash: string): Promise<string> {
    const staging = path.join(
      this.root,
      `.staging-${hash.slice(0, 16)}-${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    await mkdir(staging, { recursive: true });
    return staging;
  }

  /**
   * Moves a finished staging directory into place. When another resolver got there first its tree is kept
   * (same hash, same content) and ours is dropped; returns the final directory either way.
   */
  async publish(staging: string, hash: string): Promise<string> {
    const target = this.dir(hash);
    try {
      await rename(staging, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      if ((await this.read(hash)) !== undefined) {
        await rm(staging, { recursive: true, force: true });
        return target;
      }
      // A directory without its record is no tree (left by hand, or by an older layout): replace it.
      await rm(target, { recursive: true, force: true });
      await rename(staging, target);
    }
    return target;
  }

  async discard(staging: string): Promise<void> {
    await rm(staging, { recursive: true, force: true });
  }

  /** Records that `project` uses the tree `hash`; trees are shared by content between projects. */
  async markUser(hash: string, project: string): Promise<void> {
    const dir = path.join(this.root, USERS, project);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, hash), '');
  }

  /** The hash of every tree in the cache (finished or not, staging left out). */
  async hashes(): Promise<string[]> {
    return (await readdir(this.root).catch(() => [] as string[])).filter((name) => !name.startsWith('.'));
  }

  /** For each project that recorded a use: the hashes of the trees it used. */
  async users(): Promise<Map<string, Set<string>>> {
    const root = path.join(this.root, USERS);
    const users = new Map<string, Set<string>>();
    for (const project of await readdir(root).catch(() => [] as string[])) {
      users.set(project, new Set(await readdir(path.join(root, project)).catch(() => [] as string[])));
    }
    return users;
  }

  /** Forgets that `project` used `hash` (the tree itself stays). */
  async forgetUser(project: string, hash: string): Promise<void> {
    await rm(path.join(this.root, USERS, project, hash), { force: true });
  }

  /** Forgets every recorded use, of every project. */
  async forgetAllUsers(): Promise<void> {
    await rm(path.join(this.root, USERS), { recursive: true, force: true });
  }

  /** Staging directories of this host's processes, live or not: a killed resolver leaves its own behind. */
  async stagings(): Promise<Staging[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    return names.flatMap((name) => {
      const pid = STAGING.exec(name)?.[1];
      return pid ? [{ path: path.join(this.root, name), pid: Number(pid) }] : [];
    });
  }
}
