// The dependency resolver against the real npm registry, with this host's npm configuration: a tiny real
// package lands in the content-addressed cache, a second call is a hit, and two processes at once agree.
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDependencies, type DependencyRequest } from '../../src/dependencies/resolve-dependencies.js';

const ROOT = new URL('../..', import.meta.url).pathname;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-deps-'));
  await writeFile(
    path.join(work, 'package.json'),
    JSON.stringify({
      name: 'probe',
      version: '1.0.0',
      private: true,
      dependencies: { 'is-number': '7.0.0' },
    }),
  );
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const request: DependencyRequest = {
  contextDir: '',
  extra: { ms: '2.1.3' },
  includeDev: false,
  nodeVersion: '22.23.5',
};

describe('resolveDependencies on the npm registry', () => {
  it(
    'fetches a real package into the cache, and serves the second call from it',
    { timeout: 120_000 },
    async () => {
      const cacheRoot = path.join(work, 'trees-one');
      const progress: string[] = [];
      const first = await resolveDependencies(
        { ...request, contextDir: work },
        { cacheRoot, onProgress: (line) => progress.push(line) },
      );
      if (!first.ok) throw new Error(first.failure.message);
      expect(first.tree.cached).toBe(false);
      expect(progress).toEqual([expect.stringContaining('installing node dependencies')]);
      const installed = JSON.parse(
        await readFile(path.join(first.tree.nodeModules, 'is-number', 'package.json'), 'utf8'),
      );
      expect(installed).toMatchObject({ name: 'is-number', version: '7.0.0' });
      expect(first.tree.packages.map((p) => `${p.name}@${p.version}`)).toEqual([
        'probe@1.0.0',
        'is-number@7.0.0',
        'ms@2.1.3',
      ]);
      expect(JSON.parse(first.tree.lockfile).packages['node_modules/ms']).toMatchObject({ version: '2.1.3' });

      progress.length = 0;
      const second = await resolveDependencies(
        { ...request, contextDir: work },
        { cacheRoot, onProgress: (line) => progress.push(line) },
      );
      if (!second.ok) throw new Error(second.failure.message);
      expect(second.tree).toMatchObject({ cached: true, hash: first.tree.hash, dir: first.tree.dir });
      expect(progress).toEqual([]);
    },
  );

  it(
    'lets two processes resolve the same tree at once: one tree, no staging left',
    { timeout: 120_000 },
    async () => {
      const cacheRoot = path.join(work, 'trees-two');
      const script = [
        `import { resolveDependencies } from ${JSON.stringify(path.join(ROOT, 'dist/dependencies/resolve-dependencies.js'))};`,
        `const result = await resolveDependencies(${JSON.stringify({ ...request, contextDir: work })}, { cacheRoot: ${JSON.stringify(cacheRoot)} });`,
        'console.log(JSON.stringify(result.ok ? { dir: result.tree.dir, packages: result.tree.packages.length } : result.failure));',
      ].join('\n');
      const run = () => execa('node', ['--input-type=module', '-e', script], { cwd: work });
      const [a, b] = await Promise.all([run(), run()]);
      const first = JSON.parse(a.stdout) as { dir: string; packages: number };
      expect(JSON.parse(b.stdout)).toEqual(first);
      expect(first.packages).toBe(3);
      expect(readdirSync(cacheRoot)).toEqual([path.basename(first.dir)]);
    },
  );
});
