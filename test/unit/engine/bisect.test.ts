// searchFirstFailure: exhaustive over small plans, with untestable phases and outcomes already known.
import { describe, expect, it } from 'vitest';
import { searchFirstFailure, type ProbeOutcome } from '../../../src/engine/bisect.js';

/** Phases 1..n where every phase from `culprit` on fails (culprit n + 1: all pass), `untestable` aside. */
function phases(culprit: number, untestable: readonly number[] = []) {
  const probed: number[] = [];
  const probe = async (index: number): Promise<ProbeOutcome> => {
    probed.push(index);
    if (untestable.includes(index)) return 'untestable';
    return index >= culprit ? 'fail' : 'pass';
  };
  return { probe, probed };
}

const cases = Array.from({ length: 8 }, (_, i) => i + 1).flatMap((n) =>
  Array.from({ length: n + 1 }, (_, c) => ({ n, culprit: c + 1 })),
);

describe('searchFirstFailure', () => {
  it.each(cases)(
    'finds culprit $culprit of $n phases in at most ceil(log2(n + 1)) probes, none twice',
    async ({ n, culprit }) => {
      const { probe, probed } = phases(culprit);
      const result = await searchFirstFailure(n, probe);
      const allPass = culprit === n + 1;
      expect(result.culprit).toBe(allPass ? null : culprit);
      expect(result.lastGood).toBe(culprit === 1 ? null : culprit - 1);
      expect(result.probes.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n + 1)));
      expect(result.probes.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 1);
      expect(new Set(probed).size).toBe(probed.length);
      expect(result.probes.map((p) => p.index)).toEqual(probed);
      expect(result).toMatchObject({
        possibleCulprits: [],
        untestable: [],
        anomalies: [],
        inconclusive: false,
      });
    },
  );

  it('probes the middle of eight phases first, then halves', async () => {
    const { probe, probed } = phases(6);
    await searchFirstFailure(8, probe);
    expect(probed).toEqual([5, 7, 6]);
  });

  it('judges nothing and probes nothing for a plan of no phases', async () => {
    const { probe, probed } = phases(1);
    const result = await searchFirstFailure(0, probe);
    expect(probed).toEqual([]);
    expect(result).toMatchObject({ culprit: null, lastGood: null, inconclusive: false });
  });

  describe('with one untestable phase', () => {
    const withSkip = cases.flatMap(({ n, culprit }) =>
      Array.from({ length: n }, (_, u) => ({ n, culprit, skipped: u + 1 })),
    );

    it.each(withSkip)(
      'of $n phases failing from $culprit, with $skipped untestable, finds what can be found',
      async ({ n, culprit, skipped }) => {
        const { probe, probed } = phases(culprit, [skipped]);
        const result = await searchFirstFailure(n, probe);
        expect(new Set(probed).size).toBe(probed.length);
        if (skipped === culprit - 1) {
          // The phase before the culprit is unknown: it may be the first failure.
          expect(result.culprit).toBe(culprit <= n ? culprit : null);
          expect(result.possibleCulprits).toEqual(culprit <= n ? [skipped, culprit] : [skipped]);
          expect(result.lastGood).toBe(skipped === 1 ? null : skipped - 1);
        } else if (skipped === culprit) {
          // The culprit itself is unknown: the next failing phase is reported, and both may be it.
          expect(result.culprit).toBe(culprit + 1 <= n ? culprit + 1 : null);
          expect(result.possibleCulprits).toEqual(culprit + 1 <= n ? [culprit, culprit + 1] : [culprit]);
          expect(result.lastGood).toBe(culprit === 1 ? null : culprit - 1);
        } else {
          expect(result.culprit).toBe(culprit <= n ? culprit : null);
          expect(result.lastGood).toBe(culprit === 1 ? null : culprit - 1);
          expect(result.possibleCulprits).toEqual([]);
        }
        // With a single phase, the untestable one is every phase there is.
        expect(result.inconclusive).toBe(n === 1);
      },
    );
  });

  it('routes around an untestable middle phase to its neighbour, preferring the lower one', async () => {
    const { probe, probed } = phases(7, [5]);
    const result = await searchFirstFailure(8, probe);
    expect(probed).toEqual([5, 4, 7, 6]);
    expect(result).toMatchObject({ culprit: 7, lastGood: 6, untestable: [5], possibleCulprits: [] });
    expect(result.probes).toEqual([
      { index: 5, outcome: 'untestable' },
      { index: 4, outcome: 'pass' },
      { index: 7, outcome: 'fail' },
      { index: 6, outcome: 'pass' },
    ]);
  });

  it('lists every untestable phase that hides the culprit, in order, with the first failing one', async () => {
    const { probe } = phases(6, [3, 4, 5]);
    const result = await searchFirstFailure(8, probe);
    expect(result.culprit).toBe(6);
    expect(result.lastGood).toBe(2);
    expect(result.possibleCulprits).toEqual([3, 4, 5, 6]);
    expect(result.untestable).toEqual([3, 4, 5]);
  });

  it('is inconclusive, naming every phase, when none can be tested', async () => {
    const { probe, probed } = phases(3, [1, 2, 3, 4, 5]);
    const result = await searchFirstFailure(5, probe);
    expect(result).toMatchObject({
      culprit: null,
      lastGood: null,
      inconclusive: true,
      untestable: [1, 2, 3, 4, 5],
      possibleCulprits: [1, 2, 3, 4, 5],
    });
    expect([...probed].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  describe('with known outcomes', () => {
    it('uses a known outcome instead of probing that phase', async () => {
      const { probe, probed } = phases(2);
      const result = await searchFirstFailure(6, probe, { known: new Map([[4, 'fail']]) });
      expect(probed).not.toContain(4);
      expect(result.culprit).toBe(2);
      expect(result.probes.map((p) => p.index)).toEqual(probed);
    });

    it('reports later phases that passed although an earlier one is known to fail', async () => {
      const { probe } = phases(7);
      const result = await searchFirstFailure(6, probe, { known: new Map([[2, 'fail']]) });
      expect(result.anomalies).toEqual([
        { passed: 4, failed: 2 },
        { passed: 6, failed: 2 },
      ]);
    });

    it('reports no anomaly when the known outcomes agree with the probes', async () => {
      const { probe } = phases(3);
      const result = await searchFirstFailure(6, probe, {
        known: new Map<number, 'pass' | 'fail'>([
          [1, 'pass'],
          [5, 'fail'],
        ]),
      });
      expect(result.anomalies).toEqual([]);
      expect(result.culprit).toBe(3);
    });
  });
});
