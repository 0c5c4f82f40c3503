// Gathers what a cell's recipe needs from the outside world (image ids, context hashes, dependency
// trees), then makes the recipe: after this, the cell is a value with a key, and nothing is built yet.
import type { Cell } from '../model.js';
import { cellRecipe } from '../recipes/cell-recipe.js';
import { ContextReadError } from '../recipes/context-snapshot.js';
import type { CellRecipe, ImageRef } from '../recipes/recipe.js';
import { stackFor } from '../stacks/stacks.js';
import type { RunContext } from './run-context.js';

export type PreparedRecipe =
  /** `warnings`: what the context left out that the host will lack (untracked files). */
  | { readonly ok: true; readonly recipe: CellRecipe; readonly warnings: readonly string[] }
  /** The project's own inputs could not be read or resolved: the cell fails at build, with the output. */
  | { readonly ok: false; readonly message: string; readonly output: readonly string[] };

/** Resolves the runtime and service images (made present when missing) into references with ids. */
export async function resolveImages(
  cell: Cell,
  context: RunContext,
  onLine: (line: string) => void,
): Promise<{ runtime: ImageRef; services: Record<string, ImageRef> }> {
  const [runtime, ...services] = await Promise.all([
    context.images.runtimeImage(cell.runtime, onLine, context.signal),
    ...cell.phase.services.map((s) => context.images.serviceImage(s, onLine, context.signal)),
  ]);
  return {
    runtime: runtime!,
    services: Object.fromEntries(cell.phase.services.map((s, i) => [s.name, services[i]!])),
  };
}

export async function prepareRecipe(
  cell: Cell,
  images: { runtime: ImageRef; services: Record<string, ImageRef> },
  context: RunContext,
  onLine: (line: string) => void,
): Promise<PreparedRecipe> {
  const stack = stackFor(cell.project.stack);
  let selection;
  try {
    selection = await context.host.contextFiles({
      contextDir: cell.project.contextDir,
      contextFiles: cell.project.contextFiles,
      ...stack.contextRequest(cell),
    });
  } catch (error) {
    if (!(error instanceof ContextReadError)) throw error;
    return { ok: false, message: `could not read the build context: ${error.message}`, output: [] };
  }
  const tree =
    cell.project.stack === 'node' ? await context.host.nodeTree(cell, onLine, context.signal) : undefined;
  if (tree && 'message' in tree) return { ok: false, message: tree.message, output: tree.output };
  const recipe = cellRecipe(cell, {
    driver: context.driver.kind,
    runtimeImage: images.runtime,
    serviceImages: images.services,
    context: selection.files,
    presentSecrets: cell.phase.secrets.filter((name) => context.hostEnv[name] !== undefined),
    ...(tree ? { nodeTree: tree } : {}),
  });
  return { ok: true, recipe, warnings: selection.warnings };
}
