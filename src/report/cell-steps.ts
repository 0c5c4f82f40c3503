// The steps a cell goes through, derived from its plan, so a view can show them before they start.
import type { StepId } from '../engine/events.js';
import type { Cell } from '../model.js';
import { formatRuntime } from '../model.js';

export interface PlannedStep {
  readonly id: StepId;
  readonly title: string;
}

export function plannedSteps(cell: Cell): PlannedStep[] {
  return [
    { id: 'image', title: `runtime image ${formatRuntime(cell.runtime)}` },
    { id: 'build', title: `build phase ${cell.phase.name}` },
    ...cell.phase.services.map((s) => ({ id: `service:${s.name}` as StepId, title: `service ${s.name}` })),
    ...(cell.phase.release !== undefined
      ? [{ id: 'release' as StepId, title: `release: ${cell.phase.release}` }]
      : []),
    { id: 'start', title: 'start the app' },
    ...cell.phase.checks.map((c, i) => ({ id: `check:${i}` as StepId, title: `${c.label}  (${c.phase})` })),
  ];
}
