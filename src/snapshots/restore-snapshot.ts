// Writes a snapshot back out as a build context that rebuilds its configuration: its own Dockerfile with
// versions pinned, the scripts it copies, and the app's files as they ran. `docker build DIR` builds it.
import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { CONSTRAINTS_FILE, pinDockerfile, type PinnedDockerfile } from './pin-dockerfile.js';
import type { Snapshot } from './snapshot.js';
import type { SnapshotStore } from './snapshot-store.js';

export interface RestoredContext extends Omit<PinnedDockerfile, 'dockerfile' | 'constraints'> {
  readonly dir: string;
  /** Every path written, relative to dir. */
  readonly files: readonly string[];
}

function describe(snapshot: Snapshot): string {
  return `the snapshot of ${snapshot.phase.name} on ${snapshot.runtime}`;
}

export async function restoreSnapshot(
  store: SnapshotStore,
  snapshot: Snapshot,
  dir: string,
  options: { readonly force: boolean },
): Promise<RestoredContext> {
  const trees = snapshot.files.filter((f) => f.kind === 'tree');
  if (trees.length) {
    throw new UsageError(
      `${describe(snapshot)} copies ${trees.map((t) => t.path).join(', ')}, a dependency tree made on the host that snapshots do not keep`,
      'restore it once the node stack records its lockfile, or rebuild with `stagebisect run`',
    );
  }
  // Every kept file is read and checked before anything is written: a damaged store writes nothing.
  const contents = new Map<string, Buffer>();
  for (const file of snapshot.files) {
    if (file.kind !== 'file') continue;
    const bytes = await store.fileBytes(file.sha256);
    if (!bytes) {
      throw new UsageError(
        `${describe(snapshot)} cannot restore ${file.path}: its copy in ${store.dir}/.files is missing or altered`,
        `run \`stagebisect run --phase ${snapshot.phase.name} --runtime ${snapshot.runtime}\` to take a new snapshot`,
      );
    }
    contents.set(file.path, bytes);
  }
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length && !options.force) {
    throw new UsageError(`${dir} is not empty`, 'restore into a new or empty directory, or add --force');
  }
  const pinned = pinDockerfile(snapshot);
  const written: string[] = [];
  const write = async (relative: string, data: string | Buffer, mode?: number): Promise<void> => {
    await writeFileAtomic(path.join(dir, relative), data, mode === undefined ? {} : { mode });
    written.push(relative);
  };
  await write('Dockerfile', `${pinned.dockerfile.replace(/\n*$/, '')}\n`);
  if (pinned.constraints) await write(CONSTRAINTS_FILE, pinned.constraints);
  for (const file of snapshot.files) {
    if (file.kind === 'file') await write(file.path, contents.get(file.path)!, file.mode);
    else if (file.kind === 'symlink' && file.target !== undefined) {
      const at = path.join(dir, file.path);
      await mkdir(path.dirname(at), { recursive: true });
      await rm(at, { force: true });
      await symlink(file.target, at);
      written.push(file.path);
    }
  }
  return { dir, files: written.sort(), pinned: pinned.pinned, unpinned: pinned.unpinned };
}
