// Live progress of long work, whatever renders it: a listr2 task tree, plain lines, or nothing.
import type { Cell } from '../model.js';
import type { RunEvent } from '../engine/events.js';
import type { MatrixListener } from '../engine/run-matrix.js';

/** A unit of work that runs beside others: a matrix's runtime (its bisect) or one of its cells. */
export interface ConcurrentUnit {
  readonly id: string;
  readonly title: string;
}

export interface Progress {
  /** Shows one cell's steps while `work` runs it; returns what `work` returns. */
  cell<T>(cell: Cell, title: string, work: () => Promise<T>): Promise<T>;
  /** Shows a unit of work that is not a cell (building images, setting up the engine). */
  task<T>(title: string, work: (output: (line: string) => void) => Promise<T>): Promise<T>;
  /**
   * Shows units that run at once, one line each, never their interleaved logs: `work` reports through the
   * listener it is given.
   */
  concurrent<T>(
    title: string,
    units: readonly ConcurrentUnit[],
    work: (listener: MatrixListener) => Promise<T>,
  ): Promise<T>;
  /** Receives every engine event. */
  event(event: RunEvent): void;
  note(message: string): void;
}
