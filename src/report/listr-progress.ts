// Progress as a listr2 task tree in a terminal: one tree per cell, its steps known from the plan.
import { Listr, type ListrTask } from 'listr2';
import { cellName } from '../engine/run-cell.js';
import type { RunEvent, StepStatus } from '../engine/events.js';
import type { Cell } from '../model.js';
import { plannedSteps } from './cell-steps.js';
import { formatDuration } from './format-duration.js';
import type { MatrixListener } from '../engine/run-matrix.js';
import type { ConcurrentUnit, Progress } from './progress.js';

interface Settlement {
  readonly status: StepStatus;
  readonly detail: string;
  readonly durationMs: number;
}

/** One planned step: its listr task waits on `settled`, which the engine's step-end event resolves. */
class StepView {
  settle!: (settlement: Settlement) => void;
  readonly settled = new Promise<Settlement>((resolve) => (this.settle = resolve));
  output: (line: string) => void = () => undefined;
  done = false;
}

const firstLine = (text: string): string => text.split('\n')[0] ?? '';

export class ListrProgress implements Progress {
  private readonly views = new Map<string, StepView>();

  /** `silent` draws nothing: the same task trees, for tests and for embedding. */
  constructor(private readonly renderer: 'default' | 'silent' = 'default') {}

  async cell<T>(cell: Cell, title: string, work: () => Promise<T>): Promise<T> {
    const name = cellName(cell);
    const steps = plannedSteps(cell).map((step) => ({ step, view: new StepView() }));
    for (const { step, view } of steps) this.views.set(`${name}/${step.id}`, view);
    const tasks: ListrTask[] = steps.map(({ step, view }) => ({
      title: step.title,
      rendererOptions: { bottomBar: 1 },
      task: async (_ctx, task) => {
        view.output = (line) => (task.output = line);
        const settlement = await view.settled;
        const suffix = `${firstLine(settlement.detail)} (${formatDuration(settlement.durationMs)})`;
        if (settlement.status === 'skip') return task.skip(`${step.title}: ${settlement.detail}`);
        if (settlement.status !== 'pass') throw new Error(`${step.title}: ${suffix}`);
        task.title = `${step.title}: ${suffix}`;
      },
    }));
    const listr = new Listr(
      [{ title, task: (_ctx, task) => task.newListr(tasks, { concurrent: false, exitOnError: false }) }],
      {
        exitOnError: false,
        renderer: this.renderer,
        rendererOptions: {
          collapseSubtasks: false,
          collapseErrors: false,
          collapseSkips: false,
          showErrorMessage: true,
        },
      },
    );
    const rendering = listr.run().catch(() => undefined);
    try {
      return await work();
    } finally {
      for (const { step, view } of steps) {
        if (!view.done) view.settle({ status: 'skip', detail: 'not reached', durationMs: 0 });
        this.views.delete(`${name}/${step.id}`);
      }
      await rendering;
    }
  }

  async concurrent<T>(
    title: string,
    units: readonly ConcurrentUnit[],
    work: (listener: MatrixListener) => Promise<T>,
  ): Promise<T> {
    const views = new Map(units.map((unit) => [unit.id, new StepView()]));
    // What a unit said before listr started its task is kept, and shown once the task is drawn.
    const said = new Map<string, { title?: string; output?: string }>();
    const titles = new Map<string, (text: string) => void>();
    const outputs = new Map<string, (line: string) => void>();
    const tasks: ListrTask[] = units.map((unit) => ({
      title: unit.title,
      rendererOptions: { bottomBar: 1 },
      task: async (_ctx, task) => {
        const view = views.get(unit.id)!;
        titles.set(unit.id, (text) => (task.title = text));
        outputs.set(unit.id, (line) => (task.output = line));
        const early = said.get(unit.id);
        if (early?.title !== undefined) task.title = early.title;
        if (early?.output !== undefined) task.output = early.output;
        const settlement = await view.settled;
        const suffix = `${firstLine(settlement.detail)} (${formatDuration(settlement.durationMs)})`;
        if (settlement.status === 'skip') return task.skip(`${unit.title}: ${settlement.detail}`);
        if (settlement.status !== 'pass') throw new Error(`${unit.title}: ${suffix}`);
        task.title = `${unit.title}: ${suffix}`;
      },
    }));
    const listr = new Listr(
      [{ title, task: (_ctx, task) => task.newListr(tasks, { concurrent: true, exitOnError: false }) }],
      { exitOnError: false, renderer: this.renderer, rendererOptions: { collapseSubtasks: false } },
    );
    const rendering = listr.run().catch(() => undefined);
    const started = new Map<string, number>();
    try {
      return await work({
        start: (id, text) => {
          started.set(id, performance.now());
          const setTitle = titles.get(id);
          if (setTitle) setTitle(text);
          else said.set(id, { ...said.get(id), title: text });
        },
        update: (id, detail) => {
          const setOutput = outputs.get(id);
          if (setOutput) setOutput(detail);
          else said.set(id, { ...said.get(id), output: detail });
        },
        end: (id, status, detail) => {
          const view = views.get(id);
          if (!view || view.done) return;
          view.done = true;
          const durationMs = performance.now() - (started.get(id) ?? performance.now());
          view.settle({ status, detail, durationMs });
        },
      });
    } finally {
      for (const view of views.values()) {
        if (!view.done) view.settle({ status: 'skip', detail: 'not run', durationMs: 0 });
      }
      await rendering;
    }
  }

  async task<T>(title: string, work: (output: (line: string) => void) => Promise<T>): Promise<T> {
    let result: T | undefined;
    const listr = new Listr(
      [
        {
          title,
          rendererOptions: { bottomBar: 3 },
          task: async (_ctx, task) => {
            result = await work((line) => (task.output = line));
          },
        },
      ],
      { renderer: this.renderer },
    );
    await listr.run();
    return result as T;
  }

  event(event: RunEvent): void {
    if (event.type === 'warning') {
      process.stderr.write(`⚠ ${event.message}\n`);
      return;
    }
    const view = this.views.get(`${event.cell}/${event.step}`);
    if (!view) return;
    if (event.type === 'step-output') view.output(event.line);
    if (event.type === 'step-end' && !view.done) {
      view.done = true;
      view.settle({ status: event.status, detail: event.detail, durationMs: event.durationMs });
    }
  }

  note(message: string): void {
    process.stdout.write(`${message}\n`);
  }
}
