// Assembles a matrix run's result: the cells it judged, the ones it left out, and a summary per runtime.
// Pure: what ran is passed in.
import { MATRIX_SCHEMA_VERSION, type MatrixCell, type MatrixResult, type Plan } from '../model.js';
import type { MatrixGrid } from './matrix-grid.js';
import { summarize } from './summarize.js';

export interface MatrixRunFacts {
  readonly plan: Plan;
  readonly matrix: string;
  readonly mode: MatrixResult['mode'];
  readonly config: string;
  readonly grid: MatrixGrid;
  /** Cells run (or found cached, inferred, untested) by the engine. */
  readonly cells: readonly MatrixCell[];
  /** Whether a cell belongs to this shard (excluded cells are placed like any other). */
  readonly inShard: (runtime: string, phaseIndex: number) => boolean;
  readonly probes: Readonly<Record<string, number>>;
  readonly runId: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly shard?: { readonly index: number; readonly count: number };
}

export function matrixResult(facts: MatrixRunFacts): MatrixResult {
  const { plan, grid } = facts;
  const runtimes = grid.rows.map((r) => r.label);
  const excluded: MatrixCell[] = grid.excluded
    .filter((e) => facts.inShard(e.runtime, e.phaseIndex))
    .map((e) => ({
      runtime: e.runtime,
      phase: plan.phases[e.phaseIndex - 1]!.name,
      phaseIndex: e.phaseIndex,
      status: 'excluded',
      cached: false,
      reason: 'excluded by the matrix',
    }));
  const order = (runtime: string): number => runtimes.indexOf(runtime);
  const cells = [...facts.cells, ...excluded].sort(
    (a, b) => order(a.runtime) - order(b.runtime) || a.phaseIndex - b.phaseIndex,
  );
  return {
    schemaVersion: MATRIX_SCHEMA_VERSION,
    project: plan.name,
    matrix: facts.matrix,
    config: facts.config,
    mode: facts.mode,
    runIds: [facts.runId],
    startedAt: facts.startedAt,
    durationMs: facts.durationMs,
    shards: facts.shard ? [`${facts.shard.index}/${facts.shard.count}`] : [],
    shardCount: facts.shard?.count ?? 1,
    runtimes,
    phases: grid.phases,
    cells,
    summaries: summarize(runtimes, cells, grid.phases, facts.config, facts.probes),
  };
}

/** 0 every cell passed (or was left out), 1 any cell failed, 125 only infrastructure trouble. */
export function matrixOutcome(result: MatrixResult): 'pass' | 'fail' | 'infra' {
  if (result.cells.some((c) => c.status === 'fail' || c.status === 'inferred-fail')) return 'fail';
  if (result.cells.some((c) => c.status === 'error')) return 'infra';
  return 'pass';
}
