// ddmin over fake oracles: 1-minimal results, the number of tests it takes, and outcomes it cannot judge.
import { describe, expect, it } from 'vitest';
import { ddmin, type DdOutcome } from '../../../src/engine/ddmin.js';

/** An oracle that fails when the subset holds every item of `cause`, and counts what it was asked. */
function oracle(cause: readonly string[], unresolved: (subset: readonly string[]) => boolean = () => false) {
  const asked: string[][] = [];
  const test = async (subset: readonly string[]): Promise<DdOutcome> => {
    asked.push([...subset]);
    if (cause.every((item) => subset.includes(item))) return 'fail';
    return unresolved(subset) ? 'unresolved' : 'pass';
  };
  return { test, asked };
}

const items = (n: number): string[] => Array.from({ length: n }, (_, i) => `item${i}`);

/** 1-minimal: the set fails, and leaving out any one item does not. */
async function isOneMinimal(
  minimal: readonly string[],
  test: (subset: readonly string[]) => Promise<DdOutcome>,
): Promise<boolean> {
  if ((await test(minimal)) !== 'fail') return false;
  for (const left of minimal) {
    if ((await test(minimal.filter((i) => i !== left))) === 'fail') return false;
  }
  return true;
}

describe('ddmin', () => {
  it.each([0, 1, 2, 3])(
    'finds the one breaking item among four (item%i) in at most 2·log2(4)+1 tests',
    async (culprit) => {
      const { test, asked } = oracle([`item${culprit}`]);
      const result = await ddmin(items(4), test);
      expect(result.minimal).toEqual([`item${culprit}`]);
      expect(result.tests).toHaveLength(asked.length);
      expect(asked.length).toBeLessThanOrEqual(2 * Math.log2(4) + 1);
      expect(asked[0]).toEqual([]);
    },
  );

  it('takes exactly these tests for the last of four: the empty set, both halves, both quarters', async () => {
    const { test } = oracle(['item3']);
    const result = await ddmin(items(4), test);
    expect(result.tests.map((t) => `${t.subset.join('+') || '(none)'} ${t.outcome}`)).toEqual([
      '(none) pass',
      'item0+item1 pass',
      'item2+item3 fail',
      'item2 pass',
      'item3 fail',
    ]);
  });

  it('finds one item among sixteen in at most 2·log2(16)+1 tests', async () => {
    for (let culprit = 0; culprit < 16; culprit++) {
      const { test, asked } = oracle([`item${culprit}`]);
      expect((await ddmin(items(16), test)).minimal).toEqual([`item${culprit}`]);
      expect(asked.length).toBeLessThanOrEqual(2 * Math.log2(16) + 1);
    }
  });

  it('returns a 1-minimal set when the failure needs several items together', async () => {
    for (const cause of [
      ['item1', 'item6'],
      ['item0', 'item3', 'item7'],
      ['item2', 'item3'],
    ]) {
      const { test } = oracle(cause);
      const result = await ddmin(items(8), test);
      expect([...result.minimal].sort()).toEqual([...cause].sort());
      expect(await isOneMinimal(result.minimal, test)).toBe(true);
    }
  });

  it('never tests a subset twice, nor the whole set it was given as failing', async () => {
    const { test, asked } = oracle(['item2', 'item5']);
    await ddmin(items(8), test);
    const keys = asked.map((subset) => subset.join('+'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain(items(8).join('+'));
  });

  it('takes an unresolved outcome for not failing: a file whose flag is left out, or a flag without its file', async () => {
    // The demo's auth layer: the flag loads app/auth.py, which imports jwt (not installed). Without the
    // flag the layer's check answers 404; the flag without the file fails to import app.auth: other failures.
    const additions = [
      'apt python3-passlib',
      'apt python3-bcrypt',
      'file app/auth.py',
      'env FEATURE_AUTH',
      'env JWT_SECRET',
    ];
    const { test } = oracle(['file app/auth.py', 'env FEATURE_AUTH'], () => true);
    const result = await ddmin(additions, test);
    expect(result.minimal).toEqual(['file app/auth.py', 'env FEATURE_AUTH']);
    expect(result.tests.filter((t) => t.outcome === 'fail').length).toBeGreaterThan(0);
    expect(result.tests.some((t) => t.outcome === 'unresolved')).toBe(true);
    expect(await isOneMinimal(result.minimal, test)).toBe(true);
  });

  it('is empty, after one test, when the empty set fails already', async () => {
    const { test, asked } = oracle([]);
    const result = await ddmin(items(5), test);
    expect(result.minimal).toEqual([]);
    expect(asked).toEqual([[]]);
  });

  it('tests nothing when there is nothing to search', async () => {
    const { test, asked } = oracle(['x']);
    expect(await ddmin([], test)).toEqual({ minimal: [], tests: [] });
    expect(asked).toEqual([]);
  });

  it('keeps a single item after proving the empty set does not fail', async () => {
    const { test, asked } = oracle(['only']);
    expect((await ddmin(['only'], test)).minimal).toEqual(['only']);
    expect(asked).toEqual([[]]);
  });
});
