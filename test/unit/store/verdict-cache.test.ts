// VerdictCache: one file per key, written atomically; an entry that cannot be trusted is ignored with a
// warning; errors are never stored; old entries are pruned.
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../../../src/model.js';
import type { CellRecipe } from '../../../src/recipes/recipe.js';
import { VerdictCache } from '../../../src/store/verdict-cache.js';

const KEY = 'a'.repeat(64);
let dir: string;
let warnings: string[];
let cache: VerdictCache;

const recipe = { key: KEY, recipe: { project: 'shop' }, sources: new Map() } as unknown as CellRecipe;
const verdict = (status: Verdict['status'], key = KEY): Verdict => ({
  phase: 'db',
  phaseIndex: 2,
  runtime: 'python@3.13',
  status,
  key,
  runId: 'run1',
  startedAt: '2026-12-01T03:00:00.000Z',
  timings: { imageMs: 1, buildMs: 2, servicesMs: 3, startMs: 4, checksMs: 5, totalMs: 15 },
  checks: [],
  warnings: [],
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-verdicts-'));
  warnings = [];
  cache = new VerdictCache(path.join(dir, 'cache'), (w) => warnings.push(w));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('VerdictCache', () => {
  it('returns what was stored for a key, and nothing for another', async () => {
    await cache.put(recipe, verdict('fail'));
    expect(await cache.get(KEY)).toEqual(verdict('fail'));
    expect(await cache.get('b'.repeat(64))).toBeUndefined();
    expect(await readdir(path.join(dir, 'cache'))).toEqual([`${KEY}.json`]);
    expect(warnings).toEqual([]);
  });

  it('never stores a cell that could not be tested', async () => {
    await cache.put(recipe, verdict('error'));
    expect(await cache.get(KEY)).toBeUndefined();
  });

  it('ignores a torn entry with a warning, and one stored for another key', async () => {
    await cache.put(recipe, verdict('pass'));
    const file = path.join(dir, 'cache', `${KEY}.json`);
    await writeFile(file, '{"schemaVersion": 1, "key": "aaaa');
    expect(await cache.get(KEY)).toBeUndefined();
    expect(warnings[0]).toMatch(/is not valid JSON \(a partial copy\?\); ignored, the cell runs/);
    await writeFile(
      file,
      JSON.stringify({
        schemaVersion: 1,
        key: KEY,
        storedAt: 'x',
        recipe: {},
        verdict: verdict('pass', 'c'.repeat(64)),
      }),
    );
    expect(await cache.get(KEY)).toBeUndefined();
    expect(warnings[1]).toMatch(/is not an entry for this key/);
  });

  it('leaves no temporary file behind, even with many writers of one key at once', async () => {
    await Promise.all(Array.from({ length: 20 }, () => cache.put(recipe, verdict('pass'))));
    expect(await readdir(path.join(dir, 'cache'))).toEqual([`${KEY}.json`]);
    expect(await cache.get(KEY)).toEqual(verdict('pass'));
  });

  it('prunes entries older than the given days and keeps the rest', async () => {
    const other = { ...recipe, key: 'b'.repeat(64) } as CellRecipe;
    await cache.put(recipe, verdict('pass'));
    await cache.put(other, verdict('pass', 'b'.repeat(64)));
    const old = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    await utimes(path.join(dir, 'cache', `${KEY}.json`), old, old);
    const pruned = await cache.prune(30);
    expect(pruned.entries).toBe(1);
    expect(pruned.bytes).toBeGreaterThan(0);
    expect(await readdir(path.join(dir, 'cache'))).toEqual([`${'b'.repeat(64)}.json`]);
  });
});
