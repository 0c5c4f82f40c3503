// How a language stack turns a cell into an image recipe and proves a module imports.
import type { Cell, StackName } from '../model.js';

/** A file stagebisect adds to the build context: its bytes, or a host path (file or directory). */
export type GeneratedFile = Buffer | { readonly path: string };

/**
 * The build context is laid out as `Dockerfile`, `stagebisect/...` (generated) and `context/...` (the user's
 * files, filtered by their .dockerignore), so that `COPY context/ /app/` copies the app and nothing of ours.
 */
export interface BuildRecipe {
  readonly dockerfile: string;
  /** Files under `stagebisect/` in the build context, by path relative to it. */
  readonly generated: ReadonlyMap<string, GeneratedFile>;
  /** Context paths the Dockerfile reads besides the phase's files (requirement files). */
  readonly extraContextPaths: readonly string[];
  /**
   * npm dependencies to install on the host (containers reach no npm registry); the driver installs them
   * and adds the result as `stagebisect/node_modules`.
   */
  readonly hostNodeDependencies?: Readonly<Record<string, string>>;
}

export interface Stack {
  readonly name: StackName;
  recipe(cell: Cell, baseImage: string, signal: AbortSignal): Promise<BuildRecipe>;
  /** argv that exits 0 when `module` imports in the image with the given env. */
  importArgv(module: string): string[];
}
