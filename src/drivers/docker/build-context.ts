// Streams a build context as tar: the Dockerfile and exactly the entries a recipe lists, read from where
// their sources say, without copying anything on disk.
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { pack, type Pack } from 'tar-stream';
import type { FileSource } from '../../recipes/recipe.js';

export interface ContextEntry {
  /** Path inside the context, `/`-separated. */
  readonly path: string;
  readonly source: FileSource;
  /** For bytes and files; a file's own mode otherwise. */
  readonly mode?: number;
}

function writeEntry(
  tar: Pack,
  header: Parameters<Pack['entry']>[0],
  body: Buffer | string = '',
): Promise<void> {
  return new Promise((resolve, reject) => {
    tar.entry(header, body, (error) => (error ? reject(error) : resolve()));
  });
}

function writeFileEntry(tar: Pack, name: string, file: string, size: number, mode: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sink = tar.entry({ name, size, mode, type: 'file' }, (error) =>
      error ? reject(error) : resolve(),
    );
    const source = createReadStream(file);
    source.on('error', reject);
    source.pipe(sink as unknown as NodeJS.WritableStream);
  });
}

/** Adds `absolute` (a file, link or whole directory tree) to the tar under `name`. */
async function addPath(tar: Pack, absolute: string, name: string, mode?: number): Promise<void> {
  const info = await lstat(absolute);
  if (info.isSymbolicLink()) {
    await writeEntry(tar, { name, type: 'symlink', linkname: await readlink(absolute), mode: 0o777 });
  } else if (info.isDirectory()) {
    await writeEntry(tar, { name: `${name}/`, type: 'directory', mode: info.mode & 0o7777 });
    for (const child of (await readdir(absolute)).sort()) {
      await addPath(tar, path.join(absolute, child), `${name}/${child}`);
    }
  } else if (info.isFile()) {
    await writeFileEntry(tar, name, absolute, info.size, mode ?? info.mode & 0o7777);
  }
}

async function fill(tar: Pack, dockerfile: string, entries: readonly ContextEntry[]): Promise<void> {
  await writeEntry(tar, { name: 'Dockerfile', mode: 0o644 }, dockerfile);
  const directories = new Set<string>();
  for (const entry of [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    // Parent directories of a nested entry (context/app/db.py) must exist in the tar.
    const parts = entry.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (directories.has(parent)) continue;
      directories.add(parent);
      await writeEntry(tar, { name: `${parent}/`, type: 'directory', mode: 0o755 });
    }
    const { source } = entry;
    if (source.kind === 'bytes') {
      await writeEntry(tar, { name: entry.path, mode: entry.mode ?? 0o644 }, source.bytes);
    } else if (source.kind === 'symlink') {
      await writeEntry(tar, { name: entry.path, type: 'symlink', linkname: source.target, mode: 0o777 });
    } else {
      await addPath(tar, source.path, entry.path, source.kind === 'file' ? entry.mode : undefined);
    }
  }
}

/** A tar stream of the build context; errors while reading files surface as stream errors. */
export function packBuildContext(
  dockerfile: string,
  entries: readonly ContextEntry[],
): NodeJS.ReadableStream {
  const tar = pack();
  fill(tar, dockerfile, entries).then(
    () => tar.finalize(),
    (error: unknown) => tar.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return tar as unknown as NodeJS.ReadableStream;
}
