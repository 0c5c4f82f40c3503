// A cell's dependency tree against a real (local) npm registry: the project's package.json as the base and
// every layer's `npm:` on top; dev dependencies only for a phase with a build step; "installing" said only
// when something is installed; the project recorded as a user of the tree (for gc --cache --project).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCellDependencies } from '../../../src/dependencies/cell-dependencies.js';
import type { DependencyTree } from '../../../src/dependencies/resolve-dependencies.js';
import type { Cell } from '../../../src/model.js';
import { useLocalRegistry } from '../../support/local-registry-fixture.js';
import { layer, planOf, type LayerDraft } from '../../support/plan-builder.js';

const local = useLocalRegistry({
  left: { '1.0.0': {} },
  right: { '2.0.0': {} },
  devtool: { '1.0.0': {} },
});

const project = (manifest?: Record<string, unknown>): Promise<string> =>
  local.project(manifest ? { 'package.json': manifest } : {});

const MANIFEST = {
  name: 'api',
  version: '1.0.0',
  dependencies: { left: '1.0.0' },
  devDependencies: { devtool: '1.0.0' },
};

function cellOf(contextDir: string, layers: Record<string, LayerDraft>, phase: string): Cell {
  const plan = planOf(
    Object.entries(layers).map(([name, draft]) => layer(name, draft)),
    { stack: 'node', name: 'api', contextDir, defaultRuntime: { language: 'node', version: '22' } },
  );
  return { project: plan, phase: plan.phases.find((p) => p.name === phase)!, runtime: plan.defaultRuntime };
}

async function resolve(cell: Cell, lines: string[] = []): Promise<DependencyTree | undefined> {
  const resolution = await resolveCellDependencies(cell, '22.23.5', (line) => lines.push(line), {
    signal: new AbortController().signal,
    cacheRoot: path.join(local.work, 'trees'),
  });
  if (resolution && !resolution.ok) throw new Error(resolution.failure.message);
  return resolution?.tree;
}

const names = (tree: DependencyTree | undefined): string[] =>
  (tree?.packages ?? []).filter((p) => p.location !== '').map((p) => `${p.name}@${p.version}`);

describe('resolveCellDependencies', () => {
  it("installs the project's dependencies and every layer's npm: additions, without dev dependencies", async () => {
    const dir = await project(MANIFEST);
    const cell = cellOf(dir, { health: {}, db: { npm: { right: '^2.0.0' } } }, 'db');
    expect(names(await resolve(cell))).toEqual(['left@1.0.0', 'right@2.0.0']);
  });

  it('includes dev dependencies for a phase with a build step, as a host installs them before building', async () => {
    const dir = await project(MANIFEST);
    const cell = cellOf(dir, { health: { build: 'npm run build' }, db: {} }, 'db');
    expect(names(await resolve(cell))).toEqual(['devtool@1.0.0', 'left@1.0.0']);
  });

  it('says it is installing only when it installs; a tree from the cache says so', async () => {
    const dir = await project(MANIFEST);
    const cell = cellOf(dir, { health: { npm: { right: '2.0.0' } } }, 'health');
    const first: string[] = [];
    const tree = await resolve(cell, first);
    const short = tree!.hash.slice(0, 12);
    expect(first).toEqual([`installing node dependencies (tree ${short})…`]);
    const second: string[] = [];
    expect((await resolve(cell, second))?.hash).toBe(tree!.hash);
    expect(second).toEqual([`dependency tree ${short} (cached)`]);
  });

  it('records the project as a user of its tree', async () => {
    const dir = await project(MANIFEST);
    const tree = await resolve(cellOf(dir, { health: {} }, 'health'));
    expect(existsSync(path.join(local.work, 'trees', '.users', 'api', tree!.hash))).toBe(true);
  });

  it('makes no tree for a project without package.json and without npm:, and one from npm: alone', async () => {
    const dir = await project();
    expect(await resolve(cellOf(dir, { health: {} }, 'health'))).toBeUndefined();
    expect(names(await resolve(cellOf(dir, { health: { npm: { left: '1.0.0' } } }, 'health')))).toEqual([
      'left@1.0.0',
    ]);
  });
});
