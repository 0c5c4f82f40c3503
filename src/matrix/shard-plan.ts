// Which cells of a matrix a shard runs: whole runtimes in bisect mode (a bisect cannot be split), single
// cells in full mode; excluded cells go with their runtime or on their own, so every cell lands in
// exactly one shard. Pure.
import type { MatrixGrid, MatrixRow } from './matrix-grid.js';
import { assignShards } from './shard.js';

export interface ShardPlan {
  readonly rows: readonly MatrixRow[];
  readonly inShard: (runtime: string, phaseIndex: number) => boolean;
}

export function shardPlan(
  grid: MatrixGrid,
  mode: 'bisect' | 'full',
  shard: { readonly index: number; readonly count: number } | undefined,
): ShardPlan {
  if (!shard || shard.count === 1) return { rows: grid.rows, inShard: () => true };
  const excludedOf = (runtime: string): number[] =>
    grid.excluded.filter((e) => e.runtime === runtime).map((e) => e.phaseIndex);
  if (mode === 'bisect') {
    const assignment = assignShards(
      grid.rows.map((row) => ({
        id: row.label,
        // An unservable runtime costs nothing to report; a bisect costs about its phase count.
        weight: row.unservable ? 0 : row.phases.length,
      })),
      shard.count,
    );
    const mine = new Set(
      grid.rows.filter((r) => assignment.get(r.label) === shard.index).map((r) => r.label),
    );
    return { rows: grid.rows.filter((r) => mine.has(r.label)), inShard: (runtime) => mine.has(runtime) };
  }
  const id = (runtime: string, phaseIndex: number): string =>
    `${runtime}#${String(phaseIndex).padStart(3, '0')}`;
  const units = grid.rows.flatMap((row) => [
    ...row.phases.map((index) => ({ id: id(row.label, index), weight: row.unservable ? 0 : 1 })),
    ...excludedOf(row.label).map((index) => ({ id: id(row.label, index), weight: 0 })),
  ]);
  const assignment = assignShards(units, shard.count);
  const inShard = (runtime: string, phaseIndex: number): boolean =>
    assignment.get(id(runtime, phaseIndex)) === shard.index;
  return {
    rows: grid.rows.filter((row) => row.phases.some((index) => inShard(row.label, index))),
    inShard,
  };
}
