// The cells a matrix holds: its runtimes (rows) times its phases (columns), with include and exclude
// applied. Pure.
import {
  formatRuntime,
  type ImageMode,
  type MatrixSpec,
  type Plan,
  type Runtime,
  type StackName,
} from '../model.js';
import { resolveRuntimes, versionMatches, type ResolvedRuntime } from './resolve-runtimes.js';
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

/** `python@3.11`, or `python@>=3.13` for a range: does it name this runtime? */
function runtimeMatches(runtime: Runtime, text: string): boolean {
  const at = text.indexOf('@');
  if (at < 0 || text.slice(0, at) !== runtime.language) return false;
  return versionMatches(runtime.version, text.slice(at + 1));
}

export function planMatrix(
  plan: Plan,
  spec: MatrixSpec,
  servable: (language: StackName) => readonly string[],
  mode: ImageMode = plan.images,
): { readonly grid: MatrixGrid; readonly issues: ConfigIssue[] } {
  const { runtimes, issues } = resolveRuntimes(spec, mode, servable);
  const indexOf = (name: string): number => plan.phases.find((p) => p.name === name)!.index;
  const listed =
    spec.phases === 'all' ? plan.phases.map((p) => p.index) : spec.phases.map((p) => indexOf(p.name));
  const rows = new Map<string, { resolved: ResolvedRuntime; phases: Set<number> }>();
  for (const resolved of runtimes) {
    rows.set(formatRuntime(resolved.runtime), { resolved, phases: new Set(listed) });
  }
  for (const entry of spec.include) {
    const [language, version] = entry.runtime.split('@') as [StackName, string];
    const label = `${language}@${version}`;
    const row =
      rows.get(label) ??
      (() => {
        const made = resolveRuntimes(
          { ...spec, runtimes: [{ language, specs: [{ text: version, position: entry.position }] }] },
          mode,
          servable,
        ).runtimes[0]!;
        const created = { resolved: made, phases: new Set<number>() };
        rows.set(label, created);
        return created;
      })();
    for (const index of entry.phase ? [indexOf(entry.phase)] : listed) row.phases.add(index);
  }
  const excluded: { runtime: string; phaseIndex: number }[] = [];
  const result: MatrixRow[] = [];
  for (const [label, { resolved, phases }] of rows) {
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
