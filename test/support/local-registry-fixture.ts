// A local npm registry for one test file, with an npm cache of its own and project directories whose
// .npmrc points npm at it. `npx vitest` exports npm_config_cache, which outranks a project's .npmrc: the
// file's own cache goes there, so every run fetches afresh and the user's ~/.npm stays untouched.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startLocalRegistry, type LocalRegistry, type RegistryContents } from './local-npm-registry.js';

export interface LocalRegistryFixture {
  readonly registry: LocalRegistry;
  /** A temporary directory the file may use; removed after it. */
  readonly work: string;
  /** A fresh project directory with an .npmrc naming the registry, and `files` (objects as JSON). */
  project(files: Readonly<Record<string, unknown>>): Promise<string>;
}

/** Starts the registry before the file's tests and stops it after; read its fields inside tests only. */
export function useLocalRegistry(contents: RegistryContents): LocalRegistryFixture {
  let registry: LocalRegistry | undefined;
  let work: string | undefined;
  let projects = 0;
  const userCache = process.env.npm_config_cache;
  beforeAll(async () => {
    registry = await startLocalRegistry(contents);
    work = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-registry-'));
    process.env.npm_config_cache = path.join(work, 'npm-cache');
  });
  afterAll(async () => {
    if (userCache === undefined) delete process.env.npm_config_cache;
    else process.env.npm_config_cache = userCache;
    await registry?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });
  return {
    get registry() {
      return registry!;
    },
    get work() {
      return work!;
    },
    async project(files) {
      const dir = path.join(work!, `project-${++projects}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, '.npmrc'), `registry=${registry!.url}\n`);
      for (const [name, content] of Object.entries(files)) {
        await writeFile(
          path.join(dir, name),
          typeof content === 'string' ? content : JSON.stringify(content, null, 2),
        );
      }
      return dir;
    },
  };
}
