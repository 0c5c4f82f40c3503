// Installs a node cell's dependencies on the host (containers reach no npm registry), cached by content:
// unique staging names and an atomic rename, so cells and processes running at once never collide.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DependencyFailure } from '../engine/run-context.js';
import type { Cell } from '../model.js';
import type { DependencyTree } from '../stacks/stack.js';
import { loadExeca } from './host-process.js';

/** Where stagebisect keeps what it makes on the host: dependency trees, downloads. */
export function hostCacheRoot(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'stagebisect');
}

/** The dependencies of the context's own package.json, which every phase of a node project needs. */
async function ownDependencies(contextDir: string): Promise<Record<string, string>> {
  try {
    const manifest = JSON.parse(await readFile(path.join(contextDir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    return manifest.dependencies ?? {};
  } catch {
    return {};
  }
}

/** The tree of a node cell: its package.json's dependencies and every layer's `npm:` entries. */
export async function nodeTreeFor(
  cell: Cell,
  onLine: (line: string) => void,
  signal: AbortSignal,
): Promise<DependencyTree | DependencyFailure | undefined> {
  const dependencies = {
    ...(await ownDependencies(cell.project.contextDir)),
    ...Object.assign({}, ...cell.phase.layers.map((l) => l.npm)),
  } as Record<string, string>;
  if (Object.keys(dependencies).length === 0) return undefined;
  try {
    const tree = await installNodeDependencies(dependencies, onLine, signal);
    await markUser(path.dirname(tree.dir), cell.project.name);
    return tree;
  } catch (error) {
    if (!(error instanceof NodeDependencyError)) throw error;
    return { message: error.message, output: error.output.split('\n') };
  }
}

/**
 * Trees are shared by content between projects; each records the projects that use it, so `gc --cache
 * --project` frees only what no other project needs.
 */
async function markUser(treeRoot: string, project: string): Promise<void> {
  await mkdir(path.join(treeRoot, USERS), { recursive: true });
  await writeFile(path.join(treeRoot, USERS, project), '');
}

export const USERS = '.stagebisect-users';

/** Installs `dependencies` once per distinct set and returns the tree. */
export async function installNodeDependencies(
  dependencies: Readonly<Record<string, string>>,
  onLine: (line: string) => void,
  signal: AbortSignal,
): Promise<DependencyTree> {
  const manifest = JSON.stringify({ name: 'stagebisect-deps', private: true, dependencies }, null, 2);
  const hash = createHash('sha256').update(manifest).digest('hex');
  const target = path.join(hostCacheRoot(), 'node-deps', hash.slice(0, 20));
  const modules = path.join(target, 'node_modules');
  if (existsSync(modules)) return { dir: modules, hash };

  onLine('installing npm dependencies on the host (containers reach no npm registry)…');
  const execa = await loadExeca();
  // Unique per attempt: two processes installing the same set each use their own, and one rename wins.
  const staging = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(path.join(staging, 'package.json'), manifest);
    const result = await execa(
      'npm',
      ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'],
      { cwd: staging, cancelSignal: signal, reject: false, all: true },
    );
    // An npm refusal (unknown package, engines) is the project's problem, reported like a failed build.
    if (result.exitCode !== 0) throw new NodeDependencyError(result.all ?? '');
    await rename(staging, target).catch((error: NodeJS.ErrnoException) => {
      // Another process finished the same set first: its tree is as good as ours.
      if (!existsSync(modules)) throw error;
    });
    return { dir: modules, hash };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** npm could not install the declared dependencies; its output is the evidence. */
export class NodeDependencyError extends Error {
  constructor(readonly output: string) {
    super('npm could not install the dependencies of this phase');
    this.name = 'NodeDependencyError';
  }
}
