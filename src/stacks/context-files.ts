// The user's context files as entries of a recipe: each under `context/` in the build context.
import type { ContextFile } from '../recipes/context-snapshot.js';
import type { FileSource, RecipeFile } from '../recipes/recipe.js';

export function contextEntries(
  files: readonly ContextFile[],
): { readonly file: RecipeFile; readonly source: FileSource }[] {
  return files.map((f) => ({
    file: {
      path: `context/${f.path}`,
      sha256: f.sha256,
      mode: f.mode,
      kind: f.symlink === undefined ? 'file' : 'symlink',
    },
    source:
      f.symlink === undefined ? { kind: 'file', path: f.absolute } : { kind: 'symlink', target: f.symlink },
  }));
}
