// How a language stack turns a cell into the image part of its recipe, and proves a module imports. Pure.
import type { Cell, FileSelection, StackName } from '../model.js';
import type { ContextFile } from '../recipes/context-snapshot.js';
import type { FileSource, ImageRef, RecipeFile } from '../recipes/recipe.js';

/** A dependency tree made on the host (containers reach no npm registry), named by what made it. */
export interface DependencyTree {
  readonly dir: string;
  readonly hash: string;
  /**
   * The resolved tree as package-lock.json text, when the stack made one: a snapshot records it as the
   * dependency set the image really has (filled by the arborist-based node stack).
   */
  readonly lockfile?: string;
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
