// The steps a progress view shows for a cell before they run: the release command, when the phase has
// one, between its services and the app's start; plain lines say which dependency tree was reused.
import { describe, expect, it } from 'vitest';
import { plannedSteps } from '../../../src/report/cell-steps.js';
import { PlainProgress } from '../../../src/report/plain-progress.js';
import { check, layer, planOf, postgres } from '../../support/plan-builder.js';

const plan = planOf([
  layer('health', { checks: [check.log('ready')] }),
  layer('db', { services: [postgres('db')], release: 'npm run migrate', checks: [check.log('db ready')] }),
]);
const cellOf = (index: number) => ({
  project: plan,
  phase: plan.phases[index]!,
  runtime: plan.defaultRuntime,
});

describe('the steps of a cell', () => {
  it('put the release command after the services and before the start', () => {
    expect(plannedSteps(cellOf(1)).map((s) => s.title)).toEqual([
      'runtime image python@3.11',
      'build phase db',
      'service postgres',
      'release: npm run migrate',
      'start the app',
      'log "ready"  (health)',
      'log "db ready"  (db)',
    ]);
    expect(plannedSteps(cellOf(0)).map((s) => s.id)).not.toContain('release');
  });

  it('show, in plain lines, the release as it starts and a dependency tree taken from the cache', () => {
    const lines: string[] = [];
    const progress = new PlainProgress((line) => lines.push(line));
    const cell = 'db@python@3.11';
    progress.event({ type: 'step-start', cell, step: 'build', title: 'build db (layer 2)' });
    progress.event({
      type: 'step-output',
      cell,
      step: 'build',
      line: 'dependency tree 0123456789ab (cached)',
    });
    progress.event({ type: 'step-output', cell, step: 'build', line: 'Step 3/9 : COPY context/ /app/' });
    progress.event({ type: 'step-start', cell, step: 'release', title: 'release: npm run migrate' });
    expect(lines).toEqual([
      '  … build db (layer 2)',
      '    dependency tree 0123456789ab (cached)',
      '  … release: npm run migrate',
    ]);
  });
});
