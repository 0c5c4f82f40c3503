// A node cell's dependency tree, before its recipe: resolved on the host for the runtime image's exact
// Node, then every package's `engines.node` compared with that Node, so a package that refuses it fails the
// cell before anything is built. The project's own failures (npm would refuse) are diagnosed as such.
import { checkEngines } from '../dependencies/engines-check.js';
import { diagnoseDependencyFailure, diagnoseEngineMismatch } from '../diagnose/dependency-diagnosis.js';
import { summarizeLayers } from '../diagnose/phase-layers.js';
import { dependencyImageRef } from '../images/dependency-image.js';
import { formatRuntime, type Cell, type Diagnosis } from '../model.js';
import type { ImageRef } from '../recipes/recipe.js';
import type { DependencyTree } from '../stacks/stack.js';
import type { RunContext } from './run-context.js';

/** A resolved tree the image copies from its own image, made present only when the cell is really built. */
export interface TreeImage {
  readonly hash: string;
  /** On the host: node_modules/ and package-lock.json. */
  readonly dir: string;
}

export type NodeTree =
  | {
      readonly ok: true;
      /** What the stack renders; none when nothing is installed. */
      readonly tree?: DependencyTree;
      readonly image?: TreeImage;
      /** An engines mismatch: the cell fails, keyed, without building. */
      readonly diagnosis?: Diagnosis;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly message: string; readonly diagnosis: Diagnosis };

export async function prepareNodeTree(
  cell: Cell,
  runtimeImage: ImageRef,
  context: RunContext,
  onLine: (line: string) => void,
): Promise<NodeTree> {
  const nodeVersion = await context.images.nodeVersion(runtimeImage, context.signal);
  const resolution = await context.host.nodeTree(cell, nodeVersion, onLine, context.signal);
  if (!resolution) return { ok: true, warnings: [] };
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
    warnings: resolved.warnings,
  };
}
