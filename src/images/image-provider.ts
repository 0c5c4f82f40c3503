// The ImageProvider runs use: the plan's image mode decides where each runtime and service image comes from.
import type { Driver } from '../drivers/driver.js';
import { InfraError } from '../errors.js';
import type { ImageProvider } from '../engine/run-context.js';
import type { Plan } from '../model.js';
import { describeUnavailable, runtimeImage, serviceImage } from './image-catalog.js';
import { ImageEnsurer } from './image-ensurer.js';
import { llmMockVersion } from './llm-mock-file.js';

export function createImageProvider(driver: Driver, plan: Plan): ImageProvider {
  const ensurer = new ImageEnsurer(driver.images);
  return {
    async runtimeImage(runtime, onLine, signal) {
      const source = runtimeImage(runtime, plan.images, plan.registry);
      if (!source)
        throw new InfraError(
          'runtime-unavailable',
          describeUnavailable(runtime, plan.images),
          'pick a runtime the image mode serves',
        );
      await ensurer.ensure(source, { verify: false }, onLine, signal);
      return source.ref;
    },
    async serviceImage(service, onLine, signal) {
      const source =
        service.kind === 'custom'
          ? { kind: 'pull' as const, ref: service.image! }
          : serviceImage(service.kind, plan.images, llmMockVersion(), plan.registry);
      await ensurer.ensure(source, { verify: false }, onLine, signal);
      return source.ref;
    },
  };
}
