// The apt helper every stack's image gets, from templates/, as a generated entry of the build context.
import { createHash } from 'node:crypto';
import type { FileSource, RecipeFile } from '../recipes/recipe.js';
import { loadTemplateSync } from '../templating/render-template.js';

export function aptInstallScript(): { readonly file: RecipeFile; readonly source: FileSource } {
  const bytes = Buffer.from(loadTemplateSync('apt-install.sh'));
  return {
    file: {
      path: 'stagebisect/apt-install.sh',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      mode: 0o755,
      kind: 'file',
    },
    source: { kind: 'bytes', bytes },
  };
}
