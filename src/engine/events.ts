// What the engine tells reporters while it works: steps of cells starting, printing and ending.

export type StepStatus = 'pass' | 'fail' | 'skip' | 'error';

/** Steps of one cell, in the order they run. `check:N` is the N-th check (0-based). */
export type StepId = 'image' | 'build' | `service:${string}` | 'release' | 'start' | `check:${number}`;

export type RunEvent =
  | { readonly type: 'step-start'; readonly cell: string; readonly step: StepId; readonly title: string }
  | { readonly type: 'step-output'; readonly cell: string; readonly step: StepId; readonly line: string }
  | {
      readonly type: 'step-end';
      readonly cell: string;
      readonly step: StepId;
      readonly status: StepStatus;
      readonly detail: string;
      readonly durationMs: number;
    }
  | { readonly type: 'warning'; readonly message: string };

export type EventSink = (event: RunEvent) => void;
