// Merges the results of a matrix's shards into the result one unsharded run would have produced. Pure.
import { UsageError } from '../errors.js';
import { MATRIX_SCHEMA_VERSION, type MatrixResult } from '../model.js';
import { summarize } from './summarize.js';

function sameShape(a: MatrixResult, b: MatrixResult): string | undefined {
  if (a.project !== b.project) return `projects differ (${a.project}, ${b.project})`;
  if (a.matrix !== b.matrix) return `matrices differ (${a.matrix}, ${b.matrix})`;
  if (a.mode !== b.mode) return `modes differ (${a.mode}, ${b.mode})`;
  if (a.shardCount !== b.shardCount) return `shard counts differ (${a.shardCount}, ${b.shardCount})`;
  if (a.runtimes.join() !== b.runtimes.join()) return 'their runtimes differ';
  if (a.phases.map((p) => p.name).join() !== b.phases.map((p) => p.name).join()) return 'their phases differ';
  return undefined;
}

/** Throws a UsageError naming the problem when the results are not shards of one matrix. */
export function mergeResults(
  results: readonly { readonly name: string; readonly result: MatrixResult }[],
): MatrixResult {
  if (results.length === 0) throw new UsageError('nothing to merge', 'pass the JSON results of every shard');
  for (const { name, result } of results) {
    if (result.schemaVersion !== MATRIX_SCHEMA_VERSION) {
      throw new UsageError(
        `${name} is a matrix result of schema version ${result.schemaVersion}; this stagebisect reads version ${MATRIX_SCHEMA_VERSION}`,
        'merge results written by the same stagebisect version',
      );
    }
  }
  const [first, ...rest] = results;
  for (const { name, result } of rest) {
    const problem = sameShape(first!.result, result);
    if (problem)
      throw new UsageError(`${name} is not a shard of the same matrix as ${first!.name}: ${problem}`);
  }
  const seen = new Map<string, string>();
  for (const { name, result } of results) {
    for (const cell of result.cells) {
      const id = `${cell.phase}@${cell.runtime}`;
      const other = seen.get(id);
      if (other) throw new UsageError(`${name} and ${other} both hold cell ${id}`, 'merge each shard once');
      seen.set(id, name);
    }
  }
  const shards = [...new Set(results.flatMap((r) => r.result.shards))].sort();
  const count = first!.result.shardCount;
  if (count > 1 && shards.length !== count) {
    const missing = Array.from({ length: count }, (_, i) => `${i + 1}/${count}`).filter(
      (s) => !shards.includes(s),
    );
    throw new UsageError(`shards ${missing.join(', ')} are missing`, 'pass the result of every shard');
  }
  const cells = results.flatMap((r) => r.result.cells);
  const probes: Record<string, number> = {};
  for (const { result } of results) {
    for (const s of result.summaries) probes[s.runtime] = (probes[s.runtime] ?? 0) + s.probes;
  }
  const base = first!.result;
  const order = (runtime: string): number => base.runtimes.indexOf(runtime);
  const sorted = [...cells].sort(
    (a, b) => order(a.runtime) - order(b.runtime) || a.phaseIndex - b.phaseIndex,
  );
  return {
    ...base,
    runIds: results.flatMap((r) => r.result.runIds),
    startedAt: results.map((r) => r.result.startedAt).sort()[0]!,
    durationMs: Math.max(...results.map((r) => r.result.durationMs)),
    shards: [],
    shardCount: 1,
    cells: sorted,
    summaries: summarize(base.runtimes, sorted, base.phases, base.config, probes),
  };
}
