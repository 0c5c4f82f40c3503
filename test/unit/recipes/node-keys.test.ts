// Cell keys of a node project: the dependency tree enters each key by its content (the resolver's hash of
// package.json, the lockfile and the phase's `npm:`, and the lockfile it installed), so a changed lockfile
// changes every cell's key and a package added to one layer changes that layer's and the later ones' only.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../../src/config/load-plan.js';
import { phaseAdditions } from '../../../src/dependencies/cell-dependencies.js';
import { readProjectFiles } from '../../../src/dependencies/project-files.js';
import { hashTreeInputs, IMAGE_PLATFORM } from '../../../src/dependencies/tree-hash.js';
import { dependencyImageRef } from '../../../src/images/dependency-image.js';
import type { Cell, Plan } from '../../../src/model.js';
import { cellRecipe } from '../../../src/recipes/cell-recipe.js';
import { snapshotContext } from '../../../src/recipes/context-snapshot.js';
import { stackFor } from '../../../src/stacks/stacks.js';
import { configOf, copyExample, removeTempProjects } from '../../support/temp-project.js';

afterAll(removeTempProjects);

const NODE_22 = { ref: 'stagebisect/node:22', id: 'sha256:node22' };

/**
 * The tree a cell's recipe gets, as prepareRecipe makes it: hashed by the resolver's own function; the
 * installed lockfile stands for what resolving these inputs would write.
 */
async function treeOf(cell: Cell) {
  const files = await readProjectFiles(cell.project.contextDir);
  const extra = phaseAdditions(cell);
  const hash = hashTreeInputs({
    manifest: files.manifest,
    ...(files.lockfile ? { lockfile: files.lockfile } : {}),
    extra,
    includeDev: cell.phase.build !== undefined,
    platform: IMAGE_PLATFORM,
    nodeVersion: '22.23.5',
  });
  return {
    hash,
    lockfile: `${files.lockfile?.text ?? ''}${JSON.stringify(extra)}`,
    image: dependencyImageRef(cell.project.name, hash),
    rebuild: false,
  };
}

async function keys(plan: Plan): Promise<string[]> {
  return Promise.all(
    plan.phases.map(async (phase) => {
      const cell: Cell = { project: plan, phase, runtime: plan.defaultRuntime };
      const context = await snapshotContext({
        contextDir: plan.contextDir,
        ...stackFor(plan.stack).contextRequest(cell),
      });
      return cellRecipe(cell, {
        driver: 'docker',
        runtimeImage: NODE_22,
        serviceImages: Object.fromEntries(
          phase.services.map((s) => [s.name, { ref: s.kind, id: `sha256:${s.kind}` }]),
        ),
        context,
        nodeTree: await treeOf(cell),
      }).key;
    }),
  );
}

const keysOf = async (dir: string): Promise<string[]> => keys(await loadPlan(configOf(dir), dir));
const changed = (before: string[], after: string[]): string[] =>
  ['health', 'db', 'redis', 'auth', 'llm'].filter((_, i) => before[i] !== after[i]);

describe('cell keys of a node project', () => {
  it('change for every cell when the lockfile changes', async () => {
    const dir = await copyExample('node-api');
    const before = await keysOf(dir);
    expect(new Set(before).size).toBe(5);
    const lockfile = path.join(dir, 'package-lock.json');
    const lock = JSON.parse(await readFile(lockfile, 'utf8'));
    lock.packages['node_modules/ms'] = { version: '2.1.3', license: 'MIT' };
    await writeFile(lockfile, JSON.stringify(lock, null, 2));
    expect(changed(before, await keysOf(dir))).toEqual(['health', 'db', 'redis', 'auth', 'llm']);
  });

  it('change for the layer that adds an npm package and the layers after it, not the ones before', async () => {
    const dir = await copyExample('node-api');
    const before = await keysOf(dir);
    const auth = path.join(dir, 'phases/40-auth.yaml');
    await writeFile(
      auth,
      (await readFile(auth, 'utf8')).replace("jose: '6.2.19' }", "jose: '6.2.19', ms: '2.1.3' }"),
    );
    expect(changed(before, await keysOf(dir))).toEqual(['auth', 'llm']);
  });
});
