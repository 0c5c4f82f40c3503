// Cell keys: the same inputs give the same key on any machine; one changed input changes exactly the keys
// of the cells that use it; nothing secret is in a recipe.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../../src/config/load-plan.js';
import type { Plan, Runtime } from '../../../src/model.js';
import { cellRecipe } from '../../../src/recipes/cell-recipe.js';
import { snapshotContext } from '../../../src/recipes/context-snapshot.js';
import { canonicalJson } from '../../../src/recipes/recipe-key.js';
import { stackFor } from '../../../src/stacks/stacks.js';
import { configOf, copyExample, removeTempProjects } from '../../support/temp-project.js';

afterAll(removeTempProjects);

const PY313: Runtime = { language: 'python', version: '3.13' };
const IMAGE = { ref: 'stagebisect/python:3.13', id: 'sha256:aaaa' };

async function recipes(
  plan: Plan,
  options: { image?: typeof IMAGE; secrets?: string[]; runtime?: Runtime } = {},
) {
  return Promise.all(
    plan.phases.map(async (phase) => {
      const cell = { project: plan, phase, runtime: options.runtime ?? PY313 };
      const context = await snapshotContext({
        contextDir: plan.contextDir,
        ...stackFor(plan.stack).contextRequest(cell),
      });
      return cellRecipe(cell, {
        driver: 'docker',
        runtimeImage: options.image ?? IMAGE,
        serviceImages: Object.fromEntries(
          phase.services.map((s) => [s.name, { ref: s.kind, id: `sha256:${s.kind}` }]),
        ),
        context,
        presentSecrets: options.secrets ?? [],
      });
    }),
  );
}

const keys = async (dir: string, options?: Parameters<typeof recipes>[1]): Promise<string[]> =>
  (await recipes(await loadPlan(configOf(dir), dir), options)).map((r) => r.key);

/** The phases whose key differs between two lists. */
const changed = (before: string[], after: string[]): string[] =>
  ['health', 'db', 'redis', 'auth', 'llm'].filter((_, i) => before[i] !== after[i]);

describe('cell keys', () => {
  it('are equal for equal inputs, wherever the project lies on disk', async () => {
    const [a, b] = [await copyExample(), await copyExample()];
    expect(await keys(a)).toEqual(await keys(b));
    expect(new Set(await keys(a)).size).toBe(5);
  });

  it('change for exactly the cells whose image copies a changed file', async () => {
    const dir = await copyExample();
    const before = await keys(dir);
    await appendFile(path.join(dir, 'app/llm.py'), '\n# touched\n');
    expect(changed(before, await keys(dir))).toEqual(['llm']);
    await appendFile(path.join(dir, 'app/db.py'), '\n# touched\n');
    expect(changed(before, await keys(dir))).toEqual(['db', 'redis', 'auth', 'llm']);
  });

  it('do not change for a file no cell copies, nor for our own state or git', async () => {
    const dir = await copyExample();
    const before = await keys(dir);
    await writeFile(path.join(dir, 'NOTES.md'), 'not copied by any phase\n');
    await writeFile(path.join(dir, 'app', 'scratch.py'), 'print(1)\n');
    expect(await keys(dir)).toEqual(before);
  });

  it('change with the runtime image id, not with where the layout of a phase file moves a check', async () => {
    const dir = await copyExample();
    const before = await keys(dir);
    expect(changed(before, await keys(dir, { image: { ...IMAGE, id: 'sha256:bbbb' } }))).toHaveLength(5);
    const file = path.join(dir, 'phases/40-auth.yaml');
    await writeFile(file, `# a comment moves every line down\n\n${await readFile(file, 'utf8')}`);
    expect(await keys(dir)).toEqual(before);
  });

  it('change for the phases that declare a changed env value, and for a dependency added to a layer', async () => {
    const dir = await copyExample();
    const before = await keys(dir);
    const redis = path.join(dir, 'phases/30-redis.yaml');
    await writeFile(
      redis,
      (await readFile(redis, 'utf8')).replace("FEATURE_REDIS: '1'", "FEATURE_REDIS: 'yes'"),
    );
    expect(changed(before, await keys(dir))).toEqual(['redis', 'auth', 'llm']);
    const auth = path.join(dir, 'phases/40-auth.yaml');
    await writeFile(
      auth,
      (await readFile(auth, 'utf8')).replace('python3-bcrypt]', 'python3-bcrypt, python3-cryptography]'),
    );
    expect(changed(before, await keys(dir))).toEqual(['redis', 'auth', 'llm']);
  });

  it('hold no secret value, but change when a declared secret becomes set on the host', async () => {
    const dir = await copyExample();
    const llm = path.join(dir, 'phases/50-llm.yaml');
    await writeFile(
      llm,
      (await readFile(llm, 'utf8'))
        .replace('checks:', 'secrets: [STRIPE_API_KEY]\nchecks:')
        .replace(
          "FEATURE_LLM: '1'",
          "FEATURE_LLM: '1'\n  PAYMENT_TOKEN: tok-inline-value-1234\n  CACHE_URL: redis://user:hunter22@cache:6379/0",
        ),
    );
    const plan = await loadPlan(configOf(dir), dir);
    const [without, withSecret] = [await recipes(plan), await recipes(plan, { secrets: ['STRIPE_API_KEY'] })];
    const text = canonicalJson(without[4]!.recipe);
    expect(text).not.toContain('tok-inline-value-1234');
    expect(text).not.toContain('hunter22');
    expect(text).toContain('PAYMENT_TOKEN');
    expect(without[4]!.recipe.env).toContainEqual({
      name: 'STRIPE_API_KEY',
      source: 'secret',
      present: false,
    });
    expect(withSecret[4]!.key).not.toBe(without[4]!.key);
    expect(withSecret[3]!.key).toBe(without[3]!.key);
  });
});
