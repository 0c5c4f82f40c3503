// Where resolved dependency trees live on the host: one directory per hash, made under a unique staging
// name and renamed into place whole, so two cells or two processes can resolve at once and a reader never
// sees half a tree.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** `$XDG_CACHE_HOME/stagebisect/node-trees`, or `~/.cache/stagebisect/node-trees`. */
export function defaultTreeCacheRoot(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'stagebisect', 'node-trees');
}

/** The file a complete tree directory holds; written last, so its presence means the tree is whole. */
export const TREE_RECORD = 'tree.json';

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
}
