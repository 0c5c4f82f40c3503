// The cells a matrix holds: its runtimes (rows) times its phases (columns), with include and exclude
// applied. Pure.
import {
  formatRuntime,
  type ImageMode,
  type MatrixRuntime,
  type MatrixSpec,
  type Plan,
  type Runtime,
  type StackName,
} from '../model.js';
import {
  compareRuntimes,
  inRange,
  resolveRuntimes,
  resolveSpec,
  type ResolvedRuntime,
} from './resolve-runtimes.js';
import type { ConfigIssue } from '../errors.js';

export interface MatrixRow {
  readonly runtime: Runtime;
  readonly label: string;
  /** Why no cell of the row can run: the image mode cannot serve its runtime. */
  readonly unservable?: string;
  /** Indexes of the phases the row runs, ascending. */
  readonly phases: readonly number[];
}

export interface MatrixGrid {
  readonly phases: readonly { readonly index: number; readonly name: string; readonly file: string }[];
  readonly rows: readonly MatrixRow[];
  /** Cells the file leaves out, by row label and phase index. */
  readonly excluded: readonly { readonly runtime: string; readonly phaseIndex: number }[];
}

/** Whether an include or exclude entry's runtime (a version or a range) names this runtime. */
function runtimeMatches(runtime: Runtime, named: MatrixRuntime): boolean {
  return named.language === runtime.language && inRange(runtime.version, named.range);
}

export function planMatrix(
  plan: Plan,
  spec: MatrixSpec,
  servable: (language: StackName) => readonly string[],
  mode: ImageMode = plan.images,
): { readonly grid: MatrixGrid; readonly issues: ConfigIssue[] } {
  const resolved = resolveRuntimes(spec, mode, servable);
  const issues = [...resolved.issues];
  const runtimes = resolved.runtimes;
  const indexOf = (name: string): number => plan.phases.find((p) => p.name === name)!.index;
  const listed =
    spec.phases === 'all' ? plan.phases.map((p) => p.index) : spec.phases.map((p) => indexOf(p.name));
  const rows = new Map<string, { resolved: ResolvedRuntime; phases: Set<number> }>();
  for (const resolved of runtimes) {
    rows.set(formatRuntime(resolved.runtime), { resolved, phases: new Set(listed) });
  }
  for (const entry of spec.include) {
    const { language } = entry.runtime;
    const resolved = resolveSpec(language, entry.runtime, mode, servable(language));
    if (resolved.issue) issues.push(resolved.issue);
    for (const made of resolved.runtimes) {
      const label = formatRuntime(made.runtime);
      const row = rows.get(label) ?? { resolved: made, phases: new Set<number>() };
      rows.set(label, row);
      for (const index of entry.phase ? [indexOf(entry.phase)] : listed) row.phases.add(index);
    }
  }
  const excluded: { runtime: string; phaseIndex: number }[] = [];
  const result: MatrixRow[] = [];
  const ordered = [...rows].sort(([, a], [, b]) => compareRuntimes(a.resolved.runtime, b.resolved.runtime));
  for (const [label, { resolved, phases }] of ordered) {
    const kept = [...phases]
      .sort((a, b) => a - b)
      .filter((index) => {
        const name = plan.phases[index - 1]!.name;
        const out = spec.exclude.some(
          (e) =>
            (e.runtime === undefined || runtimeMatches(resolved.runtime, e.runtime)) &&
            (e.phase === undefined || e.phase === name),
        );
        if (out) excluded.push({ runtime: label, phaseIndex: index });
        return !out;
      });
    result.push({
      runtime: resolved.runtime,
      label,
      ...(resolved.unservable ? { unservable: resolved.unservable } : {}),
      phases: kept,
    });
  }
  const columns = new Set([...result.flatMap((r) => r.phases), ...excluded.map((e) => e.phaseIndex)]);
  return {
    grid: {
      phases: plan.phases
        .filter((p) => columns.has(p.index))
        .map((p) => ({ index: p.index, name: p.name, file: p.layers[p.layers.length - 1]!.file })),
      rows: result,
      excluded,
    },
    issues,
  };
}
