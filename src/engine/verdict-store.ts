// What the engine asks of a verdict cache: a stored verdict by key, and a place to keep new ones.
import type { Verdict } from '../model.js';
import type { CellRecipe } from '../recipes/recipe.js';

export interface VerdictStore {
  /** The verdict stored for `key`; undefined when there is none or it cannot be trusted. */
  get(key: string): Promise<Verdict | undefined>;
  /** Keeps a judged verdict (pass or fail) with the recipe it judged. */
  put(recipe: CellRecipe, verdict: Verdict): Promise<void>;
}
