// Shards: every cell in exactly one shard, the same each time, as even as the units allow.
import { describe, expect, it } from 'vitest';
import { servableVersions } from '../../../src/images/image-catalog.js';
import { planMatrix } from '../../../src/matrix/matrix-grid.js';
import { assignShards, parseShard } from '../../../src/matrix/shard.js';
import { shardPlan } from '../../../src/matrix/shard-plan.js';
import { layer, planOf } from '../../support/plan-builder.js';
import { at, matrixSpec } from '../../support/matrix-spec.js';

const plan = planOf(['health', 'db', 'redis', 'auth', 'llm'].map((n) => layer(n)));

function cellsOfShards(mode: 'bisect' | 'full', count: number, exclude = false) {
  const spec = matrixSpec(
    { python: ['3.9', '3.11', '3.13', '3.14', '3.12'] },
    { mode, exclude: exclude ? [{ runtime: 'python@3.11', phase: 'llm', position: at }] : [] },
  );
  const { grid } = planMatrix(plan, spec, (l) => servableVersions(l, 'local'));
  const all = [
    ...grid.rows.flatMap((r) => r.phases.map((p) => `${r.label}#${p}`)),
    ...grid.excluded.map((e) => `${e.runtime}#${e.phaseIndex}`),
  ];
  const shards = Array.from({ length: count }, (_, i) => {
    const { rows, inShard } = shardPlan(grid, mode, { index: i + 1, count });
    return all.filter((id) => {
      const [runtime, phase] = id.split('#') as [string, string];
      return (mode === 'full' || rows.some((r) => r.label === runtime)) && inShard(runtime, Number(phase));
    });
  });
  return { all, shards };
}

describe('shards', () => {
  for (const mode of ['bisect', 'full'] as const) {
    for (const count of [1, 2, 3, 4]) {
      it(`put every cell in exactly one of ${count} shards (${mode} mode)`, () => {
        const { all, shards } = cellsOfShards(mode, count, true);
        expect(shards.flat().sort()).toEqual([...all].sort());
      });
    }
  }

  it('gives the same shards every time', () => {
    expect(cellsOfShards('full', 3).shards).toEqual(cellsOfShards('full', 3).shards);
    expect(cellsOfShards('bisect', 2).shards).toEqual(cellsOfShards('bisect', 2).shards);
  });

  it('balances cells within one in full mode', () => {
    const sizes = cellsOfShards('full', 3).shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('keeps a runtime whole in bisect mode and spreads runtimes by their cost', () => {
    const { shards } = cellsOfShards('bisect', 2);
    for (const shard of shards) {
      const runtimes = new Set(shard.map((id) => id.split('#')[0]));
      for (const runtime of runtimes)
        expect(shard.filter((id) => id.startsWith(`${runtime}#`))).toHaveLength(5);
    }
    // Four servable runtimes of five phases each; the unservable one costs nothing.
    const servable = shards.map((s) => s.filter((id) => !id.startsWith('python@3.12')).length);
    expect(servable).toEqual([10, 10]);
  });

  it('assigns the heaviest units first to the lightest shard', () => {
    const assignment = assignShards(
      [
        { id: 'a', weight: 5 },
        { id: 'b', weight: 3 },
        { id: 'c', weight: 3 },
        { id: 'd', weight: 1 },
      ],
      2,
    );
    expect(Object.fromEntries(assignment)).toEqual({ a: 1, b: 2, c: 2, d: 1 });
  });
});

describe('parseShard', () => {
  it('reads i/n and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('0/3')).toBeUndefined();
    expect(parseShard('4/3')).toBeUndefined();
    expect(parseShard('two')).toBeUndefined();
  });
});
