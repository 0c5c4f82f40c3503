// Gathers what a cell's recipe needs from the outside world (image ids, context hashes, dependency trees),
// then makes the recipe: after this, the cell is a value with a key, and nothing is built yet.
import type { Cell, Diagnosis } from '../model.js';
import { cellRecipe } from '../recipes/cell-recipe.js';
import { ContextReadError } from '../recipes/context-snapshot.js';
import type { CellRecipe, ImageRef } from '../recipes/recipe.js';
import { stackFor } from '../stacks/stacks.js';
import { prepareNodeTree, type TreeImage } from './prepare-node-tree.js';
import type { RunContext } from './run-context.js';

export type PreparedRecipe =
  | {
      readonly ok: true;
      readonly recipe: CellRecipe;
      /** The node tree's own image, to make present before the cell is built. */
      readonly treeImage?: TreeImage;
      /** Things a report should say: files the host will lack (untracked), a yarn lockfile read by npm. */
      readonly warnings: readonly string[];
    }
  /**
   * The project's own inputs could not be read or resolved, or cannot work on this runtime: the cell fails
   * at build without building. `diagnosis` when the cause is known before any build; `recipe` when the
   * cell still has a key (an engines mismatch: the same inputs fail the same way).
   */
  | {
      readonly ok: false;
      readonly message: string;
      readonly output: readonly string[];
      readonly diagnosis?: Diagnosis;
      readonly recipe?: CellRecipe;
    };

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
  const node =
    cell.project.stack === 'node' ? await prepareNodeTree(cell, images.runtime, context, onLine) : undefined;
  if (node && !node.ok) {
    return { ok: false, message: node.message, output: [node.message], diagnosis: node.diagnosis };
  }
  const recipe = cellRecipe(cell, {
    driver: context.driver.kind,
    runtimeImage: images.runtime,
    serviceImages: images.services,
    context: selection.files,
    presentSecrets: cell.phase.secrets.filter((name) => context.hostEnv[name] !== undefined),
    ...(node?.tree ? { nodeTree: node.tree } : {}),
  });
  // Checked before anything is built: a package that refuses this Node fails the cell, which keeps its key.
  if (node?.diagnosis) {
    const { diagnosis } = node;
    return { ok: false, message: diagnosis.summary, output: diagnosis.evidence, diagnosis, recipe };
  }
  return {
    ok: true,
    recipe,
    ...(node?.image ? { treeImage: node.image } : {}),
    warnings: [...selection.warnings, ...(node?.warnings ?? [])],
  };
}
