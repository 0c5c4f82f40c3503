// Emits the start and end of one step of a cell and measures it.
import type { EventSink, StepId, StepStatus } from './events.js';
import type { Clock } from '../timing/clock.js';

export class StepTimer {
  private readonly started: number;
  private ended = false;

  constructor(
    private readonly emit: EventSink,
    private readonly clock: Clock,
    private readonly cell: string,
    readonly step: StepId,
    title: string,
  ) {
    this.started = clock.now();
    emit({ type: 'step-start', cell, step, title });
  }

  output(line: string): void {
    this.emit({ type: 'step-output', cell: this.cell, step: this.step, line });
  }

  /** Ends the step once; later calls (a cleanup path after a reported failure) only return the duration. */
  end(status: StepStatus, detail: string): number {
    const durationMs = this.clock.now() - this.started;
    if (this.ended) return durationMs;
    this.ended = true;
    this.emit({ type: 'step-end', cell: this.cell, step: this.step, status, detail, durationMs });
    return durationMs;
  }
}
