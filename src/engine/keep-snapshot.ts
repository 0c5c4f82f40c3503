// After a cell passed: its snapshot, built from what it gathered, masked with every secret the cell knew,
// handed to the store; then one for each layer below it, proven inside it (phases are cumulative), unless
// that layer already has a snapshot of its own for the same recipe. What the store could not keep is a
// warning on the verdict.
import type { Cell, Phase, Plan, Verdict } from '../model.js';

import type { Masker } from '../secrets/masker.js';
import { buildSnapshot, derivedSnapshot } from '../snapshots/build-snapshot.js';
import type { CellState } from './cell-state.js';
import type { EventSink } from './events.js';
import { prepareRecipe, resolveImages } from './prepare-recipe.js';
import type { RunContext } from './run-context.js';
import type { SnapshotSink } from './snapshot-sink.js';

/** The phases below a cell's: its project is the plan it came from when a command made it. */
function lowerPhases(cell: Cell): readonly Phase[] {
  const project = cell.project as Partial<Plan>;
  return Array.isArray(project.phases) ? project.phases.slice(0, cell.phase.index - 1) : [];
}

export async function keepSnapshot(
  cell: Cell,
  state: CellState,
  verdict: Verdict,
  sink: SnapshotSink,
  masker: Masker,
  emit: EventSink,
  context: RunContext,
): Promise<Verdict> {
  if (verdict.status !== 'pass' || !state.recipe || !state.facts) return verdict;
  const snapshot = masker.maskData(
    buildSnapshot({ cell, recipe: state.recipe, verdict, facts: state.facts, git: state.git }),
  );
  const missed = [...(await sink.put(snapshot, state.recipe.sources)).missed];
  for (const phase of lowerPhases(cell)) {
    const lower = { ...cell, phase };
    const images = await resolveImages(lower, context, () => undefined);
    const prepared = await prepareRecipe(lower, images, context, () => undefined);
    if (!prepared.ok) continue;
    const kept = await sink.get(phase.name, snapshot.runtime).catch(() => undefined);
    // A snapshot of this very recipe is as good or better (one run as its own image): keep it.
    if (kept?.key === prepared.recipe.key && (!kept.provenBy || kept.provenBy.key === snapshot.key)) continue;
    const derived = masker.maskData(
      derivedSnapshot(snapshot, { cell: lower, recipe: prepared.recipe, verdict }),
    );
    missed.push(...(await sink.put(derived, prepared.recipe.sources)).missed);
  }
  if (missed.length === 0) return verdict;
  const warning = `the snapshot of ${cell.phase.name} on ${verdict.runtime} cannot restore ${[...new Set(missed)].join(', ')}: changed while the cell ran`;
  emit({ type: 'warning', message: warning });
  return { ...verdict, warnings: [...verdict.warnings, warning] };
}
