// The listr2 view: one task tree per cell, built from the plan, that finishes even when the cell ends early.
// The trees are read back as the renderer would draw them: each step's final state, title and message.
import type * as Listr2 from 'listr2';
import type { Listr, ListrRendererValue } from 'listr2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cellName } from '../../../src/engine/run-cell.js';
import { ListrProgress } from '../../../src/report/listr-progress.js';
import { raceDeadline } from '../../../src/timing/race-deadline.js';
import { check, layer, planOf, postgres } from '../../support/plan-builder.js';

/** Every top-level task tree the view makes, so that the test can read its tasks' final states. */
const trees = vi.hoisted(() => [] as Listr[]);

vi.mock('listr2', async (importOriginal) => {
  const listr2 = await importOriginal<typeof Listr2>();
  class RecordedListr extends listr2.Listr<unknown, ListrRendererValue, ListrRendererValue> {
    constructor(
      ...args: ConstructorParameters<typeof listr2.Listr<unknown, ListrRendererValue, ListrRendererValue>>
    ) {
      super(...args);
      if (!args[2]) trees.push(this as unknown as Listr);
    }
  }
  return { ...listr2, Listr: RecordedListr };
});

interface Drawn {
  readonly title: string | undefined;
  readonly state: string;
  readonly message: string | undefined;
}

/** The steps (or units) of the one tree, as drawn: final state, title, and the skip or error message. */
function drawnSteps(): Drawn[] {
  expect(trees).toHaveLength(1);
  const [cellTask] = trees[0]!.tasks;
  return cellTask!.subtasks.map((step) => ({
    title: step.title,
    state: step.state,
    message: step.message.skip ?? step.message.error,
  }));
}

/** The view's work, failing at a deadline (naming the steps left open) instead of hanging the test. */
async function settled<T>(work: Promise<T>): Promise<T> {
  const raced = await raceDeadline(work, 2_000, new AbortController().signal);
  if (raced.kind === 'timeout') {
    const open = drawnSteps().filter((s) => !['COMPLETED', 'FAILED', 'SKIPPED'].includes(s.state));
    throw new Error(`the view did not settle within 2 s; steps still open: ${JSON.stringify(open)}`);
  }
  return raced.value;
}

describe('listr progress', () => {
  const plan = planOf([
    layer('health', { checks: [check.log('ready')] }),
    layer('db', { services: [postgres('db')], checks: [check.exec('true')] }),
  ]);
  const cell = { project: plan, phase: plan.phases[1]!, runtime: plan.defaultRuntime };
  const name = cellName(cell);
  const notReached = (title: string): Drawn => ({
    title,
    state: 'SKIPPED',
    message: `${title}: not reached`,
  });

  afterEach(() => {
    trees.length = 0;
  });

  it('returns what the cell returns, draws each step as it ended, and skips those never reached', async () => {
    const progress = new ListrProgress('silent');
    const result = await settled(
      progress.cell(cell, 'db on python', async () => {
        progress.event({ type: 'step-start', cell: name, step: 'image', title: 'runtime image' });
        progress.event({ type: 'step-output', cell: name, step: 'image', line: 'pulling…' });
        progress.event({
          type: 'step-end',
          cell: name,
          step: 'image',
          status: 'pass',
          detail: 'img',
          durationMs: 3,
        });
        progress.event({ type: 'step-start', cell: name, step: 'build', title: 'build' });
        progress.event({
          type: 'step-end',
          cell: name,
          step: 'build',
          status: 'fail',
          detail: 'apt failed\nE: Unable to locate package x',
          durationMs: 9,
        });
        return 'verdict';
      }),
    );
    expect(result).toBe('verdict');
    expect(drawnSteps()).toEqual([
      { title: 'runtime image python@3.11: img (3 ms)', state: 'COMPLETED', message: undefined },
      { title: 'build phase db', state: 'FAILED', message: 'build phase db: apt failed (9 ms)' },
      notReached('service postgres'),
      notReached('start the app'),
      notReached('log "ready"  (health)'),
      notReached('exec true  (db)'),
    ]);
  });

  it('passes a failure of the work through after the tree is closed, every step skipped', async () => {
    const progress = new ListrProgress('silent');
    await expect(
      settled(
        progress.cell(cell, 'db on python', async () => {
          throw new Error('engine gone');
        }),
      ),
    ).rejects.toThrow('engine gone');
    expect(drawnSteps()).toEqual(
      [
        'runtime image python@3.11',
        'build phase db',
        'service postgres',
        'start the app',
        'log "ready"  (health)',
        'exec true  (db)',
      ].map(notReached),
    );
  });

  it('keeps what a unit says before listr draws its task', async () => {
    const progress = new ListrProgress('silent');
    const units = ['python@3.11', 'python@3.13'].map((id) => ({ id, title: id }));
    await settled(
      progress.concurrent('matrix nightly', units, async (listener) => {
        listener.start('python@3.13', 'python@3.13: probing llm');
        listener.end('python@3.13', 'fail', 'first failing layer: llm');
        listener.start('python@3.11', 'python@3.11: probing db');
        listener.end('python@3.11', 'pass', 'every phase passed');
        return 'matrix';
      }),
    );
    expect(drawnSteps()).toEqual([
      {
        title: expect.stringMatching(/^python@3\.11: every phase passed \(\d+ ms\)$/),
        state: 'COMPLETED',
        message: undefined,
      },
      {
        title: 'python@3.13: probing llm',
        state: 'FAILED',
        message: expect.stringMatching(/^python@3\.13: first failing layer: llm \(\d+ ms\)$/),
      },
    ]);
  });

  it('draws each concurrent unit as it ended, and skips the units that never ran', async () => {
    const progress = new ListrProgress('silent');
    const units = ['python@3.11', 'python@3.13', 'python@3.14'].map((id) => ({ id, title: id }));
    const result = await settled(
      progress.concurrent('matrix nightly', units, async (listener) => {
        // The view draws what a unit reports only once its task runs; in a real matrix, where cells take
        // time, that is always so by the time they report.
        await vi.waitFor(() => expect(drawnSteps().map((s) => s.state)).toEqual(Array(3).fill('STARTED')), {
          timeout: 2_000,
          interval: 1,
        });
        listener.start('python@3.11', 'python@3.11: probing db');
        listener.update('python@3.11', 'probe 2 of 3');
        listener.end('python@3.11', 'pass', 'every phase passed');
        listener.start('python@3.13', 'python@3.13: probing llm');
        listener.end('python@3.13', 'fail', 'first failing layer: llm\nmissing-module openai');
        return 'matrix';
      }),
    );
    expect(result).toBe('matrix');
    // Durations are measured, so only their shape is asserted.
    expect(drawnSteps()).toEqual([
      {
        title: expect.stringMatching(/^python@3\.11: every phase passed \(\d+ ms\)$/),
        state: 'COMPLETED',
        message: undefined,
      },
      {
        title: 'python@3.13: probing llm',
        state: 'FAILED',
        message: expect.stringMatching(/^python@3\.13: first failing layer: llm \(\d+ ms\)$/),
      },
      { title: 'python@3.14', state: 'SKIPPED', message: 'python@3.14: not run' },
    ]);
  });
});
