// How a language stack turns a cell into the image part of its recipe, and proves a module imports. Pure.
import type { Cell, FileSelection, StackName } from '../model.js';
import type { ContextFile } from '../recipes/context-snapshot.js';
import type { FileSource, ImageRef, RecipeFile } from '../recipes/recipe.js';

/**
 * A node dependency tree resolved on the host (containers reach no npm registry), as a cell's image gets
 * it: from an image of its own, made present once per tree before the recipe.
 */
export interface DependencyTree {
  /** The resolver's hash of everything that decides the tree (package.json, lockfile, `npm:`, ...). */
  readonly hash: string;
  /** The resolved tree as package-lock.json text: the versions really installed (snapshots record it). */
  readonly lockfile: string;
  /**
   * The image holding `/node_modules` (FROM scratch), tagged by the tree's hash: a content address, so the
   * recipe names it by tag alone. It is made present only when the image is really built.
   */
  readonly image: string;
  /** Some package has an install script or a binding.gyp: `npm rebuild` runs in the image, against its Node. */
  readonly rebuild: boolean;
}

/** What a stack's image needs that only I/O can tell; gathered before the recipe is made. */
export interface RecipeInputs {
  readonly runtimeImage: ImageRef;
  /** The context files the image copies (see `contextRequest`), hashed. */
  readonly context: readonly ContextFile[];
  readonly nodeTree?: DependencyTree;
}

/** The build context is `Dockerfile`, `stagebisect/...` (ours) and `context/...` (the user's files). */
export interface StackImage {
  readonly dockerfile: string;
  readonly files: readonly { readonly file: RecipeFile; readonly source: FileSource }[];
}

export interface Stack {
  readonly name: StackName;
  /** Which context files the cell's image reads. */
  contextRequest(cell: Cell): {
    readonly selection: FileSelection;
    readonly extraPaths: readonly string[];
    readonly exclude: readonly string[];
  };
  image(cell: Cell, inputs: RecipeInputs): StackImage;
  /** argv that exits 0 when `module` imports in the image with the given env. */
  importArgv(module: string): string[];
  /**
   * argv a snapshot runs in the passing app container: prints the runtime's version and the installed
   * versions of `apt` (see image-facts.ts).
   */
  factsArgv(apt: readonly string[]): string[];
}
