// Gathers what a cell's recipe needs from the outside world (image ids, context hashes, dependency trees),
// then makes the recipe: after this, the cell is a value with a key, and nothing is built yet. A node
// cell's tree is resolved here and checked against the runtime's exact Node before anything is built.
import { checkEngines } from '../dependencies/engines-check.js';
import { diagnoseDependencyFailure, diagnoseEngineMismatch } from '../diagnose/dependency-diagnosis.js';
import { summarizeLayers } from '../diagnose/phase-layers.js';
import { dependencyImageRef } from '../images/dependency-image.js';
import { formatRuntime, type Cell, type Diagnosis } from '../model.js';
import { cellRecipe } from '../recipes/cell-recipe.js';
import { ContextReadError } from '../recipes/context-snapshot.js';
import type { CellRecipe, ImageRef } from '../recipes/recipe.js';
import type { DependencyTree } from '../stacks/stack.js';
import { stackFor } from '../stacks/stacks.js';
import type { RunContext } from './run-context.js';

/** A resolved tree the image copies from its own image, made present only when the cell is really built. */
export interface TreeImage {
  readonly hash: string;
  /** On the host: node_modules/ and package-lock.json. */
  readonly dir: string;
}

export type PreparedRecipe =
  | { readonly ok: true; readonly recipe: CellRecipe; readonly treeImage?: TreeImage }
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

type NodeTree =
  | {
      readonly ok: true;
      readonly tree?: DependencyTree;
      readonly image?: TreeImage;
      readonly diagnosis?: Diagnosis;
    }
  | { readonly ok: false; readonly message: string; readonly diagnosis: Diagnosis };

/** A node cell's tree for its exact Node, or the project's failure; an engines mismatch is diagnosed. */
async function nodeTree(
  cell: Cell,
  runtimeImage: ImageRef,
  context: RunContext,
  onLine: (line: string) => void,
): Promise<NodeTree> {
  const nodeVersion = await context.images.nodeVersion(runtimeImage, context.signal);
  const resolution = await context.host.nodeTree(cell, nodeVersion, onLine, context.signal);
  if (!resolution) return { ok: true };
  if (!resolution.ok) {
    const { failure } = resolution;
    return { ok: false, message: failure.message, diagnosis: diagnoseDependencyFailure(failure) };
  }
  const { tree: resolved } = resolution;
  const installed = resolved.packages.some((p) => p.location !== '');
  const tree: DependencyTree | undefined = installed
    ? {
        hash: resolved.hash,
        lockfile: resolved.lockfile,
        image: dependencyImageRef(cell.project.name, resolved.hash),
        rebuild: resolved.packages.some((p) => p.hasInstallScript || p.gypfile),
      }
    : undefined;
  const diagnosis = diagnoseEngineMismatch(checkEngines(resolved.packages, nodeVersion), {
    phase: cell.phase.name,
    runtime: formatRuntime(cell.runtime),
    layers: summarizeLayers(cell.phase.layers),
  });
  return {
    ok: true,
    ...(tree ? { tree, image: { hash: resolved.hash, dir: resolved.dir } } : {}),
    ...(diagnosis ? { diagnosis } : {}),
  };
}

export async function prepareRecipe(
  cell: Cell,
  images: { runtime: ImageRef; services: Record<string, ImageRef> },
  context: RunContext,
  onLine: (line: string) => void,
): Promise<PreparedRecipe> {
  const stack = stackFor(cell.project.stack);
  let files;
  try {
    files = await context.host.contextFiles({
      contextDir: cell.project.contextDir,
      ...stack.contextRequest(cell),
    });
  } catch (error) {
    if (!(error instanceof ContextReadError)) throw error;
    return { ok: false, message: `could not read the build context: ${error.message}`, output: [] };
  }
  const node =
    cell.project.stack === 'node' ? await nodeTree(cell, images.runtime, context, onLine) : undefined;
  if (node && !node.ok) {
    return { ok: false, message: node.message, output: [node.message], diagnosis: node.diagnosis };
  }
  const recipe = cellRecipe(cell, {
    driver: context.driver.kind,
    runtimeImage: images.runtime,
    serviceImages: images.services,
    context: files,
    presentSecrets: cell.phase.secrets.filter((name) => context.hostEnv[name] !== undefined),
    ...(node?.tree ? { nodeTree: node.tree } : {}),
  });
  // Checked before anything is built: a package that refuses this Node fails the cell, which keeps its key.
  if (node?.diagnosis) {
    const { diagnosis } = node;
    return { ok: false, message: diagnosis.summary, output: diagnosis.evidence, diagnosis, recipe };
  }
  return { ok: true, recipe, ...(node?.image ? { treeImage: node.image } : {}) };
}
