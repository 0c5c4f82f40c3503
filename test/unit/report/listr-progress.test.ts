// The listr2 view: one task tree per cell, built from the plan, that finishes even when the cell ends early.
import { describe, expect, it } from 'vitest';
import { cellName } from '../../../src/engine/run-cell.js';
import { ListrProgress } from '../../../src/report/listr-progress.js';
import { check, layer, planOf, postgres } from '../../support/plan-builder.js';

describe('listr progress', () => {
  const plan = planOf([
    layer('health', { checks: [check.log('ready')] }),
    layer('db', { services: [postgres('db')], checks: [check.exec('true')] }),
  ]);
  const cell = { project: plan, phase: plan.phases[1]!, runtime: plan.defaultRuntime };
  const name = cellName(cell);

  it('returns what the cell returns and settles the steps the cell never reached', async () => {
    const progress = new ListrProgress('silent');
    const result = await progress.cell(cell, 'db on python', async () => {
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
        detail: 'apt failed',
        durationMs: 9,
      });
      return 'verdict';
    });
    expect(result).toBe('verdict');
  });

  it('passes a failure of the work through after the tree is closed', async () => {
    const progress = new ListrProgress('silent');
    await expect(
      progress.cell(cell, 'db on python', async () => {
        throw new Error('engine gone');
      }),
    ).rejects.toThrow('engine gone');
  });
});
