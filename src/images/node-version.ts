// The exact Node version a runtime image runs (`22.23.5`), which the engines check compares every package's
// `engines.node` with before anything is built: read from the label our local images carry, else asked of
// the image itself (`node -v`, in a throwaway container), once per image id.
import type { ImageStore } from '../drivers/driver.js';
import { InfraError } from '../errors.js';
import type { ImageRef } from '../recipes/recipe.js';
import { OncePerKey } from './once-per-key.js';

/** Set by templates/images/node.Dockerfile at build time. */
export const NODE_VERSION_LABEL = 'stagebisect.node-version';

const VERSION = /^v?(\d+\.\d+\.\d+\S*)\s*$/m;

export class NodeVersions {
  private readonly known = new OncePerKey<string>();

  constructor(private readonly store: ImageStore) {}

  of(image: ImageRef, signal: AbortSignal): Promise<string> {
    return this.known.get(image.id, () => this.read(image, signal));
  }

  private async read(image: ImageRef, signal: AbortSignal): Promise<string> {
    const labelled = (await this.store.inspect(image.ref))?.labels[NODE_VERSION_LABEL];
    if (labelled && VERSION.test(labelled)) return VERSION.exec(labelled)![1]!;
    // Registry images (node:22-slim) and local images built before the label: the image tells.
    const probe = await this.store.probe(image.ref, ['node', '-v'], signal);
    const version = probe.exitCode === 0 ? VERSION.exec(probe.output)?.[1] : undefined;
    if (!version) {
      throw new InfraError(
        'runtime-unavailable',
        `${image.ref} did not say which Node it runs (\`node -v\` exited ${probe.exitCode}: ${probe.output.trim().slice(0, 200)})`,
        'rebuild the local image (`stagebisect images build --node MAJOR`) or check the registry image',
      );
    }
    return version;
  }
}
