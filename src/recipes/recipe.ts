// A cell's recipe: everything its image and its run are made of, as plain data that hashes to the cell's
// key. Computed before any driver sees the cell; a driver only builds and runs it.
import type { CheckSpec, ServiceKind, StackName } from '../model.js';

/** Bumped when the meaning of a recipe changes, so keys of older releases never match. */
export const RECIPE_SCHEMA = 2;

/** An image by name and by content: the id pins what the name meant when the key was made. */
export interface ImageRef {
  readonly ref: string;
  readonly id: string;
}

/** One entry of the build context, by its path in the context the driver sends. */
export interface RecipeFile {
  readonly path: string;
  /** Content hash; for a directory tree (a dependency tree), the hash of what made it. */
  readonly sha256: string;
  readonly mode: number;
  readonly kind: 'file' | 'symlink' | 'tree';
}

/** Where the bytes of a recipe file come from: not part of the key (host paths differ between machines). */
export type FileSource =
  | { readonly kind: 'bytes'; readonly bytes: Buffer }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'tree'; readonly path: string };

export interface RecipeService {
  readonly name: string;
  readonly kind: ServiceKind;
  readonly image: ImageRef;
  readonly port: number;
  /** The service's own env; values of secret-named entries are left out. */
  readonly env: Readonly<Record<string, string | null>>;
  readonly options: Readonly<Record<string, string | number | boolean>>;
}

/** An env entry of the app: the value as declared (a reference is kept as written), never a secret's. */
export interface RecipeEnv {
  readonly name: string;
  readonly source: 'literal' | 'reference' | 'secret';
  /** Absent for secret-named entries and declared secrets: their values never enter a recipe. */
  readonly declared?: string;
  /** Declared secrets: whether the host had a value (an app without its key fails differently). */
  readonly present?: boolean;
}

export type RecipeCheck = Omit<CheckSpec, 'position'>;

/** The hashed part: the same inputs give the same recipe on any machine. */
export interface Recipe {
  readonly schema: number;
  /** `stagebisect@VERSION`: a new release may build or judge differently. */
  readonly tool: string;
  readonly driver: 'docker' | 'local';
  readonly project: string;
  readonly stack: StackName;
  readonly phase: { readonly name: string; readonly index: number };
  readonly runtime: string;
  readonly runtimeImage: ImageRef;
  readonly dockerfile: string;
  readonly files: readonly RecipeFile[];
  /** Every layer's dependencies up to this phase, as declared. */
  readonly dependencies: {
    readonly apt: readonly string[];
    readonly pip: readonly string[];
    readonly requirements: readonly string[];
    readonly npm: Readonly<Record<string, string>>;
  };
  /**
   * Node stack: the dependency tree the image copies, by content: the resolver's hash of its inputs, the
   * sha256 of the lockfile it installed (the versions really resolved, with their integrity hashes) and
   * the image holding it, whose tag is made of that hash. Null without one.
   */
  readonly nodeTree: {
    readonly hash: string;
    readonly lockfileSha256: string;
    readonly image: string;
  } | null;
  readonly services: readonly RecipeService[];
  readonly env: readonly RecipeEnv[];
  readonly start: string;
  readonly port: number;
  readonly memoryBytes: number | null;
  readonly checks: readonly RecipeCheck[];
}

/** A recipe with its key and the sources of its files: what a driver receives. */
export interface CellRecipe {
  readonly key: string;
  readonly recipe: Recipe;
  /** By RecipeFile path. */
  readonly sources: ReadonlyMap<string, FileSource>;
  /** The resolved dependency tree as package-lock.json text, when the stack made one (for snapshots). */
  readonly lockfile?: string;
}
