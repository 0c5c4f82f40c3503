// The ImageProvider runs use: the plan's image mode decides where each runtime and service image comes
// from; each is made present, then named by tag and id (the id is what a cell's key pins).
import type { Driver } from '../drivers/driver.js';
import { InfraError } from '../errors.js';
import type { ImageProvider } from '../engine/run-context.js';
import type { Project } from '../model.js';
import type { ImageRef } from '../recipes/recipe.js';
import { DependencyImages } from './dependency-image.js';
import { describeUnavailable, runtimeImage, serviceImage, type ImageSource } from './image-catalog.js';
import { ImageEnsurer } from './image-ensurer.js';
import { llmMockVersion } from './llm-mock-file.js';
import { NodeVersions } from './node-version.js';

export function createImageProvider(driver: Driver, project: Project): ImageProvider {
  const ensurer = new ImageEnsurer(driver.images);
  const nodeVersions = new NodeVersions(driver.images);
  const dependencyImages = new DependencyImages(driver.images);
  const present = async (
    source: ImageSource,
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<ImageRef> => {
    await ensurer.ensure(source, { verify: false }, onLine, signal);
    const info = await driver.images.inspect(source.ref);
    if (!info) {
      throw new InfraError(
        'image-unavailable',
        `${source.ref} vanished from the engine right after it was made present`,
        'run again; if it keeps happening, something else is removing images (a prune?)',
      );
    }
    return { ref: source.ref, id: info.id };
  };
  return {
    async runtimeImage(runtime, onLine, signal) {
      const source = runtimeImage(runtime, project.images, project.registry);
      if (!source)
        throw new InfraError(
          'runtime-unavailable',
          describeUnavailable(runtime, project.images),
          'pick a runtime the image mode serves',
        );
      return present(source, onLine, signal);
    },
    async serviceImage(service, onLine, signal) {
      const source =
        service.kind === 'custom'
          ? { kind: 'pull' as const, ref: service.image! }
          : serviceImage(service.kind, project.images, llmMockVersion(), project.registry);
      return present(source, onLine, signal);
    },
    nodeVersion: (image, signal) => nodeVersions.of(image, signal),
    dependencyImage: (name, tree, onLine, signal) => dependencyImages.ensure(name, tree, onLine, signal),
  };
}
