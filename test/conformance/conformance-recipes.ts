// The recipes the conformance suite builds, made as a run makes them: a fixture app that builds, and a
// project whose one phase asks apt for a package no Debian release has.
import path from 'node:path';
import { loadPlan } from '../../src/config/load-plan.js';
import type { CellRecipe } from '../../src/recipes/recipe.js';
import { recipeOf } from '../support/recipe-of.js';
import { configOf, writeProject } from '../support/temp-project.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

/** The package the failing recipe installs, and the phase that asks for it. */
export const UNKNOWN_PACKAGE = 'stagebisect-no-such-package';
export const BROKEN_PHASE = 'broken';

async function lastPhaseRecipe(config: string, image: string): Promise<CellRecipe> {
  const plan = await loadPlan(config);
  const phase = plan.phases[plan.phases.length - 1]!;
  return recipeOf({ project: plan, phase, runtime: plan.defaultRuntime }, image);
}

/** The last phase of test/fixtures/all-checks-pass on `image`. */
export function fixtureRecipe(image: string): Promise<CellRecipe> {
  return lastPhaseRecipe(path.join(FIXTURES, 'all-checks-pass', 'stagebisect.yaml'), image);
}

/** A phase `broken` whose apt step cannot succeed, on `image`; written to a temp project. */
export async function unknownPackageRecipe(image: string): Promise<CellRecipe> {
  const dir = await writeProject('conformance-bad-build', {
    'stagebisect.yaml':
      'name: bad-build\nstack: python\nport: 8000\nstart: python3 -m http.server $PORT\nruntime: python@3.13\nimages: local\n',
    'phases/10-broken.yaml': `name: ${BROKEN_PHASE}\napt: [${UNKNOWN_PACKAGE}]\nchecks:\n  - tcp: 8000\n`,
    'app.py': '',
  });
  return lastPhaseRecipe(configOf(dir), image);
}
