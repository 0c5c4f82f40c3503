// Pruning the host caches: for one project, only the dependency trees no other project used; staging
// directories whose process died, always; downloads only with --all.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pruneHostCaches } from '../../../src/drivers/host-caches.js';

let home: string;
const saved = process.env.XDG_CACHE_HOME;
/** Above any pid_max: no process has it. */
const DEAD_PID = 4_194_399;

const trees = (...parts: string[]): string => path.join(home, 'stagebisect', 'node-trees', ...parts);
const hash = (c: string): string => c.repeat(64);
const dead = `.staging-${'d'.repeat(16)}-${DEAD_PID}-0badc0de`;
const live = `.staging-${'e'.repeat(16)}-${process.pid}-c0ffee00`;

async function put(file: string, text = 'x'.repeat(100)): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

beforeEach(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-host-caches-'));
  process.env.XDG_CACHE_HOME = home;
  for (const h of ['a', 'b', 'c']) await put(trees(hash(h), 'node_modules', 'x', 'index.js'));
  // api used trees a and b; web used a and c.
  for (const [project, used] of [
    ['api', 'ab'],
    ['web', 'ac'],
  ] as const) {
    for (const h of used) await put(trees('.users', project, hash(h)), '');
  }
  await put(trees(dead, 'node_modules', 'half.js'));
  await put(trees(live, 'node_modules', 'half.js'));
  await put(path.join(home, 'stagebisect', 'node-deps', 'old', 'node_modules', 'x.js'));
  await put(path.join(home, 'stagebisect', 'npm-packages', 'node', 'bin'));
});

afterEach(async () => {
  if (saved === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = saved;
  await rm(home, { recursive: true, force: true });
});

describe('pruneHostCaches', () => {
  it('frees for one project only the trees no other project used', async () => {
    const freed = await pruneHostCaches({ project: 'api' });
    expect(existsSync(trees(hash('b')))).toBe(false);
    expect(existsSync(trees(hash('a')))).toBe(true);
    expect(existsSync(trees(hash('c')))).toBe(true);
    expect(existsSync(trees('.users', 'api', hash('a')))).toBe(false);
    expect(existsSync(trees('.users', 'web', hash('a')))).toBe(true);
    expect(freed).toBeGreaterThanOrEqual(300);
    // Once web lets go too, the shared tree goes.
    await pruneHostCaches({ project: 'web' });
    expect(existsSync(trees(hash('a')))).toBe(false);
  });

  it("removes staging left by a process that died, never a live process's", async () => {
    await pruneHostCaches({ project: 'nobody' });
    expect(existsSync(trees(dead))).toBe(false);
    expect(existsSync(trees(live))).toBe(true);
  });

  it('frees every tree without a project, and the downloads only with --all', async () => {
    await pruneHostCaches({});
    for (const h of ['a', 'b', 'c']) expect(existsSync(trees(hash(h)))).toBe(false);
    expect(existsSync(trees('.users'))).toBe(false);
    expect(existsSync(trees(live))).toBe(true);
    expect(existsSync(path.join(home, 'stagebisect', 'node-deps'))).toBe(false);
    expect(existsSync(path.join(home, 'stagebisect', 'npm-packages'))).toBe(true);
    await pruneHostCaches({ all: true });
    expect(existsSync(path.join(home, 'stagebisect', 'npm-packages'))).toBe(false);
  });
});
