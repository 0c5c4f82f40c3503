// Pure: per runtime, the first layer that fails, with its diagnosis, the line that reproduces it and the
// rollback point: the last good snapshot below it on that runtime.
import type { Diagnosis, Plan } from '../../model.js';
import type { Snapshot } from '../../snapshots/snapshot.js';
import type { CellStatus } from './cell-statuses.js';
import { documentDate, restoreCommand, runCommand } from './document-text.js';

export interface FailingLayer {
  readonly runtime: string;
  readonly phase: string;
  readonly index: number;
  readonly file: string;
  readonly date: string;
  readonly diagnosis: Diagnosis | null;
  readonly message: string;
  readonly rollback: {
    readonly phase: string;
    readonly index: number;
    readonly key: string;
    readonly date: string;
    readonly restore: string;
  } | null;
  readonly reproduce: string;
}

export function failingLayers(
  plan: Plan,
  runtimes: readonly string[],
  statusOf: (runtime: string, index: number) => CellStatus | undefined,
  snapshots: readonly Snapshot[],
  config: string,
): FailingLayer[] {
  return runtimes.flatMap((runtime) => {
    const first = plan.phases.find((p) => statusOf(runtime, p.index)?.status === 'fail');
    if (!first) return [];
    const cell = statusOf(runtime, first.index)!;
    const rollback = [...snapshots]
      .filter((s) => s.runtime === runtime && s.phase.index < first.index)
      .sort((a, b) => b.phase.index - a.phase.index)[0];
    return [
      {
        runtime,
        phase: first.name,
        index: first.index,
        file: first.layers[first.layers.length - 1]!.file,
        date: documentDate(cell.judgedAt ?? cell.date),
        diagnosis: cell.diagnosis ?? null,
        message: (cell.message ?? '').split('\n')[0] ?? '',
        rollback: rollback
          ? {
              phase: rollback.phase.name,
              index: rollback.phase.index,
              key: rollback.key.slice(0, 12),
              date: documentDate(rollback.date),
              restore: restoreCommand(config, rollback),
            }
          : null,
        reproduce: runCommand(config, runtime, first.name),
      },
    ];
  });
}
