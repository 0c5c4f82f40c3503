// Installs a node cell's dependencies on the host (containers reach no npm registry), cached by content.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadExeca } from './host-process.js';

function cacheRoot(): string {
  return path.join(
    process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
    'stagebisect',
    'node-deps',
  );
}

/** Installs `dependencies` once per distinct set and returns the node_modules directory. */
export async function installNodeDependencies(
  dependencies: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<string> {
  const execa = await loadExeca();
  const manifest = JSON.stringify({ name: 'stagebisect-deps', private: true, dependencies }, null, 2);
  const key = createHash('sha256').update(manifest).digest('hex').slice(0, 20);
  const target = path.join(cacheRoot(), key);
  const modules = path.join(target, 'node_modules');
  if (existsSync(modules)) return modules;

  const staging = `${target}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeFile(path.join(staging, 'package.json'), manifest);
  const result = await execa(
    'npm',
    ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'],
    {
      cwd: staging,
      cancelSignal: signal,
      reject: false,
      all: true,
    },
  );
  if (result.exitCode !== 0) {
    await rm(staging, { recursive: true, force: true });
    // An npm refusal (unknown package, engines) is the project's problem, reported like a failed build.
    throw new NodeDependencyError(result.all ?? '');
  }
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
  return modules;
}

/** npm could not install the declared dependencies; its output is the evidence. */
export class NodeDependencyError extends Error {
  constructor(readonly output: string) {
    super('npm could not install the dependencies of this phase');
    this.name = 'NodeDependencyError';
  }
}
