// Streams a build context as tar: Dockerfile, stagebisect/ (generated) and context/ (the user's files,
// filtered by their .dockerignore as `docker build` would), without copying anything on disk.
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import ignore from '@balena/dockerignore';
import { pack, type Pack } from 'tar-stream';
import type { FileSelection } from '../../model.js';

export type ContextSource = Buffer | { readonly path: string };

export interface BuildContextInput {
  readonly dockerfile: string;
  /** Files of ours, under `generatedPrefix`. */
  readonly generated: ReadonlyMap<string, ContextSource>;
  /** Where generated files go in the tar: `stagebisect/` for app images, the root for our own images. */
  readonly generatedPrefix?: string;
  /** The user's context directory, copied under `context/`; absent for images without one. */
  readonly contextDir?: string;
  readonly selection?: FileSelection;
  readonly extraContextPaths?: readonly string[];
}

/**
 * Whether a context path is left out, as `docker build` decides: an ignored file always is; an ignored
 * directory is too, unless an exception pattern (`!dir/keep`) lies inside it, so the walk must go in.
 */
async function dockerignoreFilter(contextDir: string): Promise<(p: string, isDirectory: boolean) => boolean> {
  try {
    const text = await readFile(path.join(contextDir, '.dockerignore'), 'utf8');
    const matcher = ignore.default({ ignorecase: false }).add(text);
    const exceptions = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('!'))
      .map((line) => path.posix.normalize(line.slice(1).replace(/^\/+/, '')));
    return (p, isDirectory) =>
      matcher.ignores(p) && (!isDirectory || !exceptions.some((e) => `${e}/`.startsWith(`${p}/`)));
  } catch {
    return () => false;
  }
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

/** Adds `absolute` (file, link or directory tree) to the tar under `name`, skipping what `skip` rejects. */
async function addPath(
  tar: Pack,
  absolute: string,
  name: string,
  skip: (relative: string, isDirectory: boolean) => boolean,
  relative: string,
): Promise<void> {
  const info = await lstat(absolute);
  if (relative !== '' && skip(relative, info.isDirectory())) return;
  if (info.isSymbolicLink()) {
    await writeEntry(tar, { name, type: 'symlink', linkname: await readlink(absolute), mode: 0o777 });
  } else if (info.isDirectory()) {
    await writeEntry(tar, { name: `${name}/`, type: 'directory', mode: info.mode & 0o7777 });
    const children = (await readdir(absolute)).sort();
    for (const child of children) {
      await addPath(
        tar,
        path.join(absolute, child),
        `${name}/${child}`,
        skip,
        relative === '' ? child : `${relative}/${child}`,
      );
    }
  } else if (info.isFile()) {
    await writeFileEntry(tar, name, absolute, info.size, info.mode & 0o7777);
  }
}

async function fill(tar: Pack, input: BuildContextInput): Promise<void> {
  await writeEntry(tar, { name: 'Dockerfile', mode: 0o644 }, input.dockerfile);
  const prefix = input.generatedPrefix ?? 'stagebisect/';
  for (const [name, source] of [...input.generated].sort(([a], [b]) => a.localeCompare(b))) {
    if (Buffer.isBuffer(source)) await writeEntry(tar, { name: `${prefix}${name}`, mode: 0o755 }, source);
    else await addPath(tar, source.path, `${prefix}${name}`, () => false, '');
  }
  if (input.contextDir === undefined) return;
  const contextDir = input.contextDir;
  const skip = await dockerignoreFilter(contextDir);
  await writeEntry(tar, { name: 'context/', type: 'directory', mode: 0o755 });
  const roots =
    input.selection === undefined || input.selection === 'context'
      ? (await readdir(contextDir)).sort()
      : [...new Set([...input.selection, ...(input.extraContextPaths ?? [])])]
          .map((p) => path.normalize(p))
          .sort();
  const written = new Set<string>();
  for (const root of roots) {
    // Parent directories of a nested selection (app/db.py) must exist in the tar.
    const parts = root.split(path.sep);
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (written.has(parent)) continue;
      written.add(parent);
      await writeEntry(tar, { name: `context/${parent}/`, type: 'directory', mode: 0o755 });
    }
    await addPath(tar, path.join(contextDir, root), `context/${parts.join('/')}`, skip, parts.join('/'));
  }
}

/** A tar stream of the build context; errors while reading files surface as stream errors. */
export function packBuildContext(input: BuildContextInput): NodeJS.ReadableStream {
  const tar = pack();
  fill(tar, input).then(
    () => tar.finalize(),
    (error: unknown) => tar.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return tar as unknown as NodeJS.ReadableStream;
}
