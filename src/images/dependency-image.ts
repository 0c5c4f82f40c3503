// A node project's dependency tree as an image of its own (FROM scratch: node_modules and the lockfile),
// made once per tree hash and tagged by it. Phase images copy node_modules from it (COPY --from), so a cell
// whose tree is already on the engine sends none of it as build context.
import path from 'node:path';
import { CACHE_LABEL, PROJECT_LABEL, type ImageStore } from '../drivers/driver.js';
import { InfraError } from '../errors.js';
import type { ImageRef } from '../recipes/recipe.js';
import { loadTemplate } from '../templating/render-template.js';
import { OncePerKey } from './once-per-key.js';

/** The full hash of the tree an image holds: a tag shows only its first 12 digits. */
export const TREE_LABEL = 'stagebisect.tree';

/** A resolved tree on the host: its hash and the directory holding node_modules/ and package-lock.json. */
export interface TreeOnHost {
  readonly hash: string;
  readonly dir: string;
}

/** `stagebisect-deps/<project>:<first 12 digits of the tree hash>`, in the characters a tag allows. */
export function dependencyImageRef(project: string, hash: string): string {
  const name =
    project
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+/, '') || 'project';
  return `stagebisect-deps/${name.slice(0, 100)}:${hash.slice(0, 12)}`;
}

export class DependencyImages {
  private readonly made = new OncePerKey<ImageRef>();

  constructor(private readonly store: ImageStore) {}

  /** The tree's image, built when the engine does not have it yet; two cells at once share one build. */
  ensure(
    project: string,
    tree: TreeOnHost,
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<ImageRef> {
    const ref = dependencyImageRef(project, tree.hash);
    return this.made.get(ref, () => this.make(ref, project, tree, onLine, signal));
  }

  private async make(
    ref: string,
    project: string,
    tree: TreeOnHost,
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<ImageRef> {
    const existing = await this.store.inspect(ref);
    if (existing?.labels[TREE_LABEL] === tree.hash) return { ref, id: existing.id };
    onLine(`sending dependency tree ${tree.hash.slice(0, 12)} to the engine, once (${ref})…`);
    const output: string[] = [];
    const built = await this.store.build(
      {
        tag: ref,
        dockerfile: await loadTemplate('node-deps.Dockerfile'),
        files: new Map([
          ['node_modules', { path: path.join(tree.dir, 'node_modules') }],
          ['package-lock.json', { path: path.join(tree.dir, 'package-lock.json') }],
        ]),
        labels: { [PROJECT_LABEL]: project, [CACHE_LABEL]: 'deps', [TREE_LABEL]: tree.hash },
      },
      (line) => output.push(line),
      signal,
    );
    if (!built.ok) {
      throw new InfraError(
        'image-build-failed',
        `the engine could not take dependency tree ${tree.hash.slice(0, 12)} as image ${ref}: ${built.message}`,
        `check the engine's disk space (docker system df); the tree itself is in ${tree.dir}`,
      );
    }
    return { ref, id: built.imageId };
  }
}
