// deployment_strategy.md from fixed results: the golden document, byte-identical when regenerated with
// nothing changed, what changed when something did, Markdown escaping, and a user's own template.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../../../src/config/load-plan.js';
import type { MatrixCell, MatrixResult, Verdict } from '../../../../src/model.js';
import { readDocumentState } from '../../../../src/report/docs/document-state.js';
import { snapshotLayer } from '../../../../src/snapshots/snapshot.js';
import { renderStrategy } from '../../../../src/report/docs/render-strategy.js';
import { strategyModel, type StrategyInputs } from '../../../../src/report/docs/strategy-model.js';
import { loadTemplate } from '../../../../src/templating/render-template.js';
import { EXAMPLE_DIR } from '../../../support/temp-project.js';
import { snapshotOf } from '../../../support/snapshot-fixture.js';

const plan = await loadPlan(path.join(EXAMPLE_DIR, 'stagebisect.yaml'), EXAMPLE_DIR);
const template = await loadTemplate('deployment_strategy.md.eta');

function verdict(phase: string, index: number, runtime: string, status: 'pass' | 'fail'): Verdict {
  return {
    phase,
    phaseIndex: index,
    runtime,
    status,
    key: `${index}`.repeat(64),
    runId: 'mx8g3xk5a0ae6b',
    startedAt: '2026-12-04T03:44:12.000Z',
    timings: { imageMs: 0, buildMs: 0, servicesMs: 0, startMs: 0, checksMs: 0, totalMs: 0 },
    checks: [],
    warnings: [],
    ...(status === 'fail'
      ? {
          failure: {
            stage: 'build' as const,
            message: 'the image did not build: apt-get install python3-openai failed',
          },
          diagnosis: {
            class: 'package-unavailable' as const,
            subject: 'python3-openai',
            summary: 'Debian bookworm has no package python3-openai, which phase llm installs.',
            remedy:
              'Use python@3.13 or later, or install `openai` with pip in phase llm (phases/50-llm.yaml).',
            evidence: ['E: Unable to locate package python3-openai'],
          },
        }
      : {}),
  };
}

function cell(runtime: string, index: number, status: MatrixCell['status']): MatrixCell {
  const phase = plan.phases[index - 1]!.name;
  const judged = status === 'pass' || status === 'fail';
  return {
    runtime,
    phase,
    phaseIndex: index,
    status,
    cached: false,
    ...(judged
      ? { key: `${index}`.repeat(64), verdict: verdict(phase, index, runtime, status) }
      : { reason: 'inferred' }),
  };
}

const MATRIX: MatrixResult = {
  schemaVersion: 1,
  project: 'ultra-backend',
  matrix: 'nightly',
  config: 'stagebisect.yaml',
  mode: 'bisect',
  runIds: ['mx8g3xk5a0ae6b'],
  startedAt: '2026-12-04T03:44:12.000Z',
  durationMs: 99_000,
  shards: [],
  shardCount: 1,
  runtimes: ['python@3.11', 'python@3.13', 'python@3.14'],
  phases: plan.phases.map((p) => ({
    index: p.index,
    name: p.name,
    file: p.layers[p.layers.length - 1]!.file,
  })),
  cells: [
    cell('python@3.11', 1, 'inferred-pass'),
    cell('python@3.11', 2, 'inferred-pass'),
    cell('python@3.11', 3, 'pass'),
    cell('python@3.11', 4, 'pass'),
    cell('python@3.11', 5, 'fail'),
    ...[1, 2, 3, 4].map((i) => cell('python@3.13', i, 'inferred-pass')),
    cell('python@3.13', 5, 'pass'),
    ...[1, 2, 3, 4, 5].map((i) => cell('python@3.14', i, 'untested')),
  ],
  summaries: [],
};

const layersUpTo = (index: number) => plan.phases[index - 1]!.layers.map(snapshotLayer);

const SNAPSHOTS = [
  snapshotOf({
    project: 'ultra-backend',
    phase: { name: 'auth', index: 4, description: '' },
    runtime: 'python@3.11',
    key: '4'.repeat(64),
    date: '2026-12-04T03:44:30.000Z',
    runtimeVersion: { reported: 'Python 3.11.2', version: '3.11.2' },
    runtimeImage: { ref: 'stagebisect/python:3.11', id: 'sha256:5e880335b213' },
    layers: layersUpTo(4),
    packages: { apt: [{ name: 'python3-jwt', version: '2.6.0-1' }], python: [], lockfile: null },
  }),
  snapshotOf({
    project: 'ultra-backend',
    phase: { name: 'llm', index: 5, description: '' },
    key: '5'.repeat(64),
    date: '2026-12-04T03:45:01.000Z',
    layers: layersUpTo(5),
    git: { commit: 'fedcba9876543210fedcba9876543210fedcba98', dirty: true },
  }),
];

const INPUTS: StrategyInputs = {
  plan,
  config: 'stagebisect.yaml',
  snapshots: SNAPSHOTS,
  matrices: [MATRIX],
  bisects: [],
};

const render = (inputs: StrategyInputs): string =>
  renderStrategy(template, strategyModel(inputs), 'deployment_strategy.md.eta');

describe('deployment_strategy.md', () => {
  it('reads as the golden document', async () => {
    await expect(render(INPUTS)).toMatchFileSnapshot('./deployment_strategy.golden.md');
  });

  it('is byte-identical when regenerated with nothing changed', () => {
    const first = render(INPUTS);
    const second = render({ ...INPUTS, previous: readDocumentState(first)! });
    const third = render({ ...INPUTS, previous: readDocumentState(second)! });
    expect(second).toBe(first);
    expect(third).toBe(first);
  });

  it('says what changed since the previous document, and keeps saying it until something else changes', () => {
    const first = render(INPUTS);
    const fixed: MatrixResult = {
      ...MATRIX,
      startedAt: '2026-12-05T03:44:12.000Z',
      cells: MATRIX.cells.map((c) =>
        c.runtime === 'python@3.11' && c.phaseIndex === 5 ? cell('python@3.11', 5, 'pass') : c,
      ),
    };
    const second = render({ ...INPUTS, matrices: [fixed], previous: readDocumentState(first)! });
    expect(second).toContain(
      '## What changed since the previous document\n\n- llm on python@3.11: fail → pass\n\n<!-- stagebisect:docs-state',
    );
    const third = render({ ...INPUTS, matrices: [fixed], previous: readDocumentState(second)! });
    expect(third).toBe(second);
  });

  it('escapes Markdown in names and descriptions, and never writes a secret value', () => {
    const tricky = {
      ...plan,
      phases: plan.phases.map((p, i) => (i === 0 ? { ...p, description: 'a | b *c* <d>' } : p)),
    };
    const text = render({ ...INPUTS, plan: tricky });
    expect(text).toContain('a \\| b \\*c\\* \\<d\\>');
    expect(text).toContain('| `OPENAI_API_KEY` | llm | yes |');
    expect(text).not.toMatch(/sk-stagebisect/);
  });

  it("renders a user's own template with the same data and escaping", () => {
    const own =
      '# <%= it.project %>\n<% for (const e of it.env) { -%>\n- <%= e.name %>: <%= e.host %>\n<% } -%>\n';
    const text = renderStrategy(own, strategyModel(INPUTS), 'mine.eta');
    expect(text).toMatch(
      /^# ultra-backend\n- DATABASE\\_URL: the connection string of the host's PostgreSQL database\n/,
    );
    expect(() => renderStrategy('<% it.nope.x %>', strategyModel(INPUTS), 'broken.eta')).toThrow(
      'the template broken.eta could not be rendered',
    );
  });
});
