// After a cell passed: its snapshot, built from what it gathered, masked with every secret the cell knew,
// handed to the store. What the store could not keep is a warning on the verdict.
import type { Cell, Verdict } from '../model.js';
import type { Masker } from '../secrets/masker.js';
import { buildSnapshot } from '../snapshots/build-snapshot.js';
import type { CellState } from './cell-state.js';
import type { EventSink } from './events.js';
import type { SnapshotSink } from './snapshot-sink.js';

export async function keepSnapshot(
  cell: Cell,
  state: CellState,
  verdict: Verdict,
  sink: SnapshotSink,
  masker: Masker,
  emit: EventSink,
): Promise<Verdict> {
  if (verdict.status !== 'pass' || !state.recipe || !state.facts) return verdict;
  const snapshot = masker.maskData(
    buildSnapshot({ cell, recipe: state.recipe, verdict, facts: state.facts, git: state.git }),
  );
  const { missed } = await sink.put(snapshot, state.recipe.sources);
  if (missed.length === 0) return verdict;
  const warning = `the snapshot of ${cell.phase.name} on ${verdict.runtime} cannot restore ${missed.join(', ')}: changed while the cell ran`;
  emit({ type: 'warning', message: warning });
  return { ...verdict, warnings: [...verdict.warnings, warning] };
}
