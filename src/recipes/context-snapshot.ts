// Reads the files of a build context a cell uses, as `docker build` would see them (the user's
// .dockerignore applied), with each file's content hash: the context part of a cell's recipe.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import ignore from '@balena/dockerignore';
import type { FileSelection } from '../model.js';

/** One file of the context: where it is on the host, and what it is (its hash and mode). */
export interface ContextFile {
  /** Relative to the context directory, `/`-separated. */
  readonly path: string;
  readonly absolute: string;
  readonly mode: number;
  readonly size: number;
  /** sha256 of the content; of the link target for a symbolic link. */
  readonly sha256: string;
  readonly symlink?: string;
}

export interface ContextRequest {
  readonly contextDir: string;
  /** `context` for the whole directory, or the paths (files or directories) a phase copies. */
  readonly selection: FileSelection;
  /** Paths the image reads besides the selection (requirement files). */
  readonly extraPaths?: readonly string[];
  /** Top-level names never sent, whatever .dockerignore says (a stack's host-only folders). */
  readonly exclude?: readonly string[];
}

/** The context could not be read as asked: the project's problem, reported as a failed build. */
export class ContextReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ContextReadError';
  }
}

/**
 * Never part of a context: our own state (cache entries would change every key they are written for) and
 * git's, which changes with every commit while the files it tracks do not.
 */
const ALWAYS_EXCLUDED = ['.git', '.stagebisect'];

type Skip = (relative: string, isDirectory: boolean) => boolean;

/**
 * Whether a context path is left out, as `docker build` decides: an ignored file always is; an ignored
 * directory is too, unless an exception pattern (`!dir/keep`) lies inside it, so the walk must go in.
 */
async function dockerignoreFilter(contextDir: string): Promise<Skip> {
  let text: string;
  try {
    text = await readFile(path.join(contextDir, '.dockerignore'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return () => false;
    // Ignoring nothing would send what the user meant to keep out (a .env, say): refuse instead.
    throw new ContextReadError(
      `.dockerignore in ${contextDir} could not be read (${(error as Error).message})`,
      { cause: error },
    );
  }
  const matcher = ignore.default({ ignorecase: false }).add(text);
  const exceptions = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => path.posix.normalize(line.slice(1).replace(/^\/+/, '')));
  return (p, isDirectory) =>
    matcher.ignores(p) && (!isDirectory || !exceptions.some((e) => `${e}/`.startsWith(`${p}/`)));
}

/** Content hashes, remembered for files that did not change, so many cells of a run hash each file once. */
const hashes = new Map<string, { stamp: string; sha256: string }>();

async function hashFile(absolute: string, stamp: string): Promise<string> {
  const known = hashes.get(absolute);
  if (known?.stamp === stamp) return known.sha256;
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(absolute)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', resolve)
      .on('error', reject);
  });
  const sha256 = hash.digest('hex');
  hashes.set(absolute, { stamp, sha256 });
  return sha256;
}

async function walk(
  contextDir: string,
  relative: string,
  skip: Skip,
  into: Map<string, ContextFile>,
): Promise<void> {
  const absolute = path.join(contextDir, relative);
  let info;
  try {
    info = await lstat(absolute);
  } catch (error) {
    throw new ContextReadError(`${relative} could not be read (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (skip(relative, info.isDirectory())) return;
  try {
    if (info.isDirectory()) {
      for (const child of (await readdir(absolute)).sort()) {
        await walk(contextDir, `${relative}/${child}`, skip, into);
      }
    } else if (info.isSymbolicLink()) {
      const target = await readlink(absolute);
      const sha256 = createHash('sha256').update(target).digest('hex');
      into.set(relative, { path: relative, absolute, mode: 0o777, size: 0, sha256, symlink: target });
    } else if (info.isFile()) {
      const stamp = `${info.ino}:${info.size}:${info.mtimeMs}`;
      const sha256 = await hashFile(absolute, stamp);
      into.set(relative, { path: relative, absolute, mode: info.mode & 0o7777, size: info.size, sha256 });
    }
  } catch (error) {
    if (error instanceof ContextReadError) throw error;
    throw new ContextReadError(`${relative} could not be read (${(error as Error).message})`, {
      cause: error,
    });
  }
}

/** The files a cell's image receives from the context, sorted by path. */
export async function snapshotContext(request: ContextRequest): Promise<ContextFile[]> {
  const { contextDir } = request;
  const ignored = await dockerignoreFilter(contextDir);
  const excluded = new Set([...ALWAYS_EXCLUDED, ...(request.exclude ?? [])]);
  const skip: Skip = (p, isDirectory) => excluded.has(p.split('/')[0]!) || ignored(p, isDirectory);
  const roots =
    request.selection === 'context'
      ? (await readdir(contextDir)).sort()
      : [...new Set([...request.selection, ...(request.extraPaths ?? [])])]
          .map((p) => path.posix.normalize(p.split(path.sep).join('/')).replace(/\/+$/, ''))
          .sort();
  const files = new Map<string, ContextFile>();
  if (request.selection === 'context') {
    for (const extra of request.extraPaths ?? []) roots.push(path.posix.normalize(extra));
  }
  for (const root of new Set(roots)) await walk(contextDir, root, skip, files);
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
