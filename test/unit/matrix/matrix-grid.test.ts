// planMatrix: rows (runtimes) by columns (phases), with include and exclude applied.
import { describe, expect, it } from 'vitest';
import { servableVersions } from '../../../src/images/image-catalog.js';
import { planMatrix } from '../../../src/matrix/matrix-grid.js';
import { layer, planOf } from '../../support/plan-builder.js';
import { at, matrixSpec } from '../../support/matrix-spec.js';

const plan = planOf(['health', 'db', 'redis', 'auth', 'llm'].map((n) => layer(n)));
const grid = (spec: ReturnType<typeof matrixSpec>) =>
  planMatrix(plan, spec, (l) => servableVersions(l, 'local')).grid;

describe('planMatrix', () => {
  it('gives every runtime every phase by default', () => {
    const g = grid(matrixSpec({ python: ['3.11', '3.13'] }));
    expect(g.phases.map((p) => p.name)).toEqual(['health', 'db', 'redis', 'auth', 'llm']);
    expect(g.rows.map((r) => [r.label, r.phases])).toEqual([
      ['python@3.11', [1, 2, 3, 4, 5]],
      ['python@3.13', [1, 2, 3, 4, 5]],
    ]);
    expect(g.excluded).toEqual([]);
  });

  it('leaves out an excluded cell, a whole runtime, or a whole phase, and says which', () => {
    const g = grid(
      matrixSpec(
        { python: ['3.11', '3.13', '3.14'] },
        {
          exclude: [
            { runtime: 'python@3.11', phase: 'llm', position: at },
            { runtime: 'python@>=3.14', position: at },
            { phase: 'auth', position: at },
          ],
        },
      ),
    );
    expect(g.rows.map((r) => [r.label, r.phases])).toEqual([
      ['python@3.11', [1, 2, 3]],
      ['python@3.13', [1, 2, 3, 5]],
      ['python@3.14', []],
    ]);
    expect(g.excluded).toContainEqual({ runtime: 'python@3.11', phaseIndex: 5 });
    expect(g.excluded.filter((e) => e.runtime === 'python@3.14')).toHaveLength(5);
    expect(g.excluded).toHaveLength(1 + 1 + 5 + 1);
  });

  it('runs only the listed phases, and adds included cells, on new runtimes too', () => {
    const g = grid(
      matrixSpec(
        { python: ['3.13'] },
        {
          phases: [
            { name: 'health', position: at },
            { name: 'db', position: at },
          ],
          include: [
            { runtime: 'python@3.13', phase: 'llm', position: at },
            { runtime: 'python@3.9', phase: 'health', position: at },
          ],
        },
      ),
    );
    expect(g.phases.map((p) => p.name)).toEqual(['health', 'db', 'llm']);
    expect(g.rows.map((r) => [r.label, r.phases])).toEqual([
      ['python@3.13', [1, 2, 5]],
      ['python@3.9', [1]],
    ]);
  });

  it('marks a runtime the image mode cannot serve, whose cells stay in the grid', () => {
    const g = grid(matrixSpec({ python: ['3.12', '3.13'] }));
    expect(g.rows[0]).toMatchObject({
      label: 'python@3.12',
      unservable: expect.stringContaining('cannot serve'),
    });
    expect(g.rows[0]!.phases).toHaveLength(5);
  });
});
