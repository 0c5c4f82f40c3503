// The recipe a run would make for a cell, for tests that hand a driver a recipe directly.
import type { Cell } from '../../src/model.js';
import { cellRecipe } from '../../src/recipes/cell-recipe.js';
import { snapshotContext } from '../../src/recipes/context-snapshot.js';
import type { CellRecipe } from '../../src/recipes/recipe.js';
import { stackFor } from '../../src/stacks/stacks.js';

/** `image` stands for both the runtime image's tag and its id. */
export async function recipeOf(cell: Cell, image: string): Promise<CellRecipe> {
  const stack = stackFor(cell.project.stack);
  const context = await snapshotContext({
    contextDir: cell.project.contextDir,
    ...stack.contextRequest(cell),
  });
  return cellRecipe(cell, {
    driver: 'docker',
    runtimeImage: { ref: image, id: image },
    serviceImages: {},
    context,
  });
}
