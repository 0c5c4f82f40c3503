// Makes an image present: pulled in registry mode, built from its recipe in local mode (bases first).
// Concurrent requests for one image share one pull or build.
import { IMAGE_LABEL, RECIPE_LABEL, type ImageStore } from '../drivers/driver.js';
import { InfraError } from '../errors.js';
import type { ImageSource } from './image-catalog.js';
import { recipeFor } from './local-recipes.js';
import { OncePerKey } from './once-per-key.js';

export interface EnsureOptions {
  /**
   * Check that an existing local image still matches its recipe (and rebuild it when not). Runs skip this
   * and take any image we built that its recipe says still serves (an older node image without headers
   * does not); `images build` does it, so a second one is a no-op and a changed recipe is rebuilt.
   */
  readonly verify: boolean;
}

export type EnsureOutcome = 'present' | 'pulled' | 'built';

export class ImageEnsurer {
  private readonly made = new OncePerKey<EnsureOutcome>();

  constructor(private readonly store: ImageStore) {}

  ensure(
    source: ImageSource,
    options: EnsureOptions,
    output: (line: string) => void,
    signal: AbortSignal,
  ): Promise<EnsureOutcome> {
    return this.made.get(`${source.ref} ${options.verify}`, () => this.make(source, options, output, signal));
  }

  private async make(
    source: ImageSource,
    options: EnsureOptions,
    output: (line: string) => void,
    signal: AbortSignal,
  ): Promise<EnsureOutcome> {
    const existing = await this.store.inspect(source.ref);
    if (source.kind === 'pull') {
      if (existing) return 'present';
      output(`pulling ${source.ref}…`);
      await this.store.pull(source.ref, output, signal);
      return 'pulled';
    }
    const recipe = recipeFor(source);
    if (!recipe) {
      throw new InfraError(
        'image-unavailable',
        `stagebisect has no recipe for ${source.ref}`,
        'run `stagebisect images build` with the runtimes you need',
      );
    }
    if (existing?.labels[RECIPE_LABEL] && !options.verify && (recipe.serves?.(existing.labels) ?? true)) {
      return 'present';
    }
    const baseIds: string[] = [];
    for (const base of recipe.requires) {
      await this.ensure(base, options, output, signal);
      const info = await this.store.inspect(base.ref);
      if (!info)
        throw new InfraError(
          'image-unavailable',
          `${base.ref} vanished while ${source.ref} was being made`,
          'run again',
        );
      baseIds.push(info.id);
    }
    const fingerprint = await recipe.fingerprint(baseIds);
    if (existing?.labels[RECIPE_LABEL] === fingerprint) return 'present';
    output(`building ${source.ref} (local mode: from Debian, no registry)…`);
    await recipe.build(
      { store: this.store, output, signal, baseIds },
      { [IMAGE_LABEL]: 'local', [RECIPE_LABEL]: fingerprint },
    );
    return 'built';
  }
}
