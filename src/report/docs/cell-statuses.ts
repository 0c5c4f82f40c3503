// Pure: the latest word on every cell (phase × runtime) from everything that judged it: matrix results,
// saved bisects and snapshots, each dated; the most recent source wins for each cell it covers.
import type { Diagnosis, MatrixCellStatus, MatrixResult, Verdict } from '../../model.js';
import type { Snapshot } from '../../snapshots/snapshot.js';
import type { SavedBisect } from '../../store/latest-results.js';

export interface CellStatus {
  readonly runtime: string;
  readonly phaseIndex: number;
  readonly status: MatrixCellStatus;
  /** When the source that says so ran. */
  readonly date: string;
  /** For judged cells: when the cell itself was judged (a cached verdict keeps its first date). */
  readonly judgedAt?: string;
  readonly diagnosis?: Diagnosis;
  readonly message?: string;
  /** What said so: `matrix nightly`, `bisect`, `snapshot`. */
  readonly source: string;
}

export const cellId = (runtime: string, phaseIndex: number): string => `${phaseIndex}@${runtime}`;

function fromVerdict(verdict: Verdict): Pick<CellStatus, 'judgedAt' | 'diagnosis' | 'message'> {
  return {
    judgedAt: verdict.startedAt,
    ...(verdict.diagnosis ? { diagnosis: verdict.diagnosis } : {}),
    ...(verdict.failure ? { message: verdict.failure.message } : {}),
  };
}

function matrixStatuses(result: MatrixResult): CellStatus[] {
  return result.cells.map((cell) => ({
    runtime: cell.runtime,
    phaseIndex: cell.phaseIndex,
    status: cell.status,
    date: result.startedAt,
    source: `matrix ${result.matrix}`,
    ...(cell.verdict ? fromVerdict(cell.verdict) : {}),
    ...(cell.reason && !cell.verdict ? { message: cell.reason } : {}),
  }));
}

/** A bisect's phases: probed ones as judged, the rest inferred as a bisect reasons, or untested. */
function bisectStatuses(saved: SavedBisect): CellStatus[] {
  const { report } = saved;
  const lastGood = report.lastGood.index ?? 0;
  const culprit = report.culprit.index ?? Infinity;
  const judged = new Map(report.verdicts.map((v) => [v.phaseIndex, v]));
  return report.phases.map((phase): CellStatus => {
    const base = {
      runtime: report.runtime,
      phaseIndex: phase.index,
      date: saved.startedAt,
      source: 'bisect',
    };
    const verdict = judged.get(phase.index);
    if (verdict) return { ...base, status: verdict.status, ...fromVerdict(verdict) };
    if (phase.index < lastGood) return { ...base, status: 'inferred-pass' };
    if (phase.index > culprit) return { ...base, status: 'inferred-fail' };
    return { ...base, status: 'untested' };
  });
}

/** Every cell's latest status, by cellId. */
export function latestStatuses(sources: {
  readonly matrices: readonly MatrixResult[];
  readonly bisects: readonly SavedBisect[];
  readonly snapshots: readonly Snapshot[];
}): Map<string, CellStatus> {
  const all: CellStatus[] = [
    ...sources.matrices.flatMap(matrixStatuses),
    ...sources.bisects.flatMap(bisectStatuses),
    // A snapshot is a pass; phases are cumulative, so every layer below it passed with it.
    ...sources.snapshots.flatMap((s) =>
      s.layers.map((layer): CellStatus => ({
        runtime: s.runtime,
        phaseIndex: layer.index,
        status: layer.index === s.phase.index ? 'pass' : 'inferred-pass',
        date: s.date,
        ...(layer.index === s.phase.index ? { judgedAt: s.date } : {}),
        source: 'snapshot',
      })),
    ),
  ];

  // Oldest first, so the newest word on a cell is written last; ties keep the order above.
  const ordered = all
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.date < b.s.date ? -1 : a.s.date > b.s.date ? 1 : a.i - b.i));
  const latest = new Map<string, CellStatus>();
  for (const { s } of ordered) {
    // An untested or excluded cell says nothing new about one that was judged before.
    const known = latest.get(cellId(s.runtime, s.phaseIndex));
    if (known && (s.status === 'untested' || s.status === 'excluded')) continue;
    // Nor does an inference repeat what was seen: a pass stays a seen pass.
    if (known && s.status === `inferred-${known.status}`) continue;

    latest.set(cellId(s.runtime, s.phaseIndex), s);
  }
  return latest;
}

/** pass, fail, untested or excluded: what a ladder and a table show. */
export type LadderStatus = 'pass' | 'fail' | 'untested' | 'excluded';

export function ladderStatus(status: MatrixCellStatus | undefined): LadderStatus {
  switch (status) {
    case 'pass':
    case 'inferred-pass':
      return 'pass';
    case 'fail':
    case 'inferred-fail':
      return 'fail';
    case 'excluded':
      return 'excluded';
    default:
      return 'untested';
  }
}
