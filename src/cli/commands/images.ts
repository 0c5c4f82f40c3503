// `stagebisect images build`: makes every image a local-mode run needs from Debian, without a registry.
// A second run is a no-op: each image carries the fingerprint of its recipe.
import { DockerDriver } from '../../drivers/docker/docker-driver.js';
import { limitConcurrency } from '../../engine/concurrency-limit.js';
import { UsageError } from '../../errors.js';
import { localRuntimes, runtimeImage, serviceImage, type ImageSource } from '../../images/image-catalog.js';
import { ImageEnsurer } from '../../images/image-ensurer.js';
import { llmMockVersion } from '../../images/llm-mock-file.js';
import { BUILTIN_SERVICES, type Runtime, type ServiceKind } from '../../model.js';
import { printResult, type CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';

export interface ImagesBuildOptions {
  readonly python?: string;
  readonly node?: string;
  readonly services: string;
}

const DEFAULT_PYTHON = '3.13';
const IMAGE_BUILDS_AT_ONCE = 3;
const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The images to make, in the order they are made. */
export function imageTargets(options: ImagesBuildOptions): ImageSource[] {
  const runtimes: Runtime[] = [
    ...(options.python === undefined && options.node === undefined
      ? [DEFAULT_PYTHON]
      : list(options.python)
    ).map((version) => ({ language: 'python' as const, version })),
    ...list(options.node).map((version) => ({ language: 'node' as const, version })),
  ];
  const targets: ImageSource[] = [];
  for (const runtime of runtimes) {
    const source = runtimeImage(runtime, 'local');
    if (!source)
      throw new UsageError(
        `no local image for ${runtime.language}@${runtime.version}`,
        `local mode serves ${localRuntimes().join(', ')}`,
      );
    targets.push(source);
  }
  for (const name of list(options.services)) {
    if (!(BUILTIN_SERVICES as readonly string[]).includes(name)) {
      throw new UsageError(
        `--services: "${name}" is not a built-in service`,
        `choose from ${BUILTIN_SERVICES.join(', ')}`,
      );
    }
    targets.push(serviceImage(name as Exclude<ServiceKind, 'custom'>, 'local', llmMockVersion()));
  }
  return targets;
}

export async function imagesBuildCommand(
  options: ImagesBuildOptions,
  context: CommandContext,
): Promise<number> {
  const targets = imageTargets(options);
  const driver = new DockerDriver();
  await driver.ping(context.signal);
  const ensurer = new ImageEnsurer(driver.images);
  // Debootstrap mostly waits on the mirror, so a few bases are made at once; images that share a base
  // share its one build (the ensurer makes each image once per process).
  const limit = limitConcurrency(IMAGE_BUILDS_AT_ONCE);
  const results = await context.progress.task(`images (${targets.length})`, (output) =>
    Promise.all(
      targets.map((target) =>
        limit(async () => {
          const started = performance.now();
          const outcome = await ensurer.ensure(
            target,
            { verify: true },
            (line) => output(line.includes(target.ref) ? line : `${target.ref}: ${line}`),
            context.signal,
          );
          const durationMs = Math.round(performance.now() - started);
          output(`${target.ref}: ${outcome === 'present' ? 'up to date' : outcome}`);
          return { image: target.ref, outcome, durationMs };
        }),
      ),
    ),
  );
  printResult(context, { command: 'images build', images: results }, () =>
    results
      .map(
        (r) =>
          `${r.outcome === 'present' ? 'up to date' : r.outcome}  ${r.image}  (${(r.durationMs / 1000).toFixed(1)} s)`,
      )
      .join('\n'),
  );
  return EXIT.pass;
}
