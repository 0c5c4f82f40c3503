// How each local image is made from Debian, what it is built on, and the fingerprint that makes a second
// `images build` a no-op.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImageStore } from '../drivers/driver.js';
import { InfraError } from '../errors.js';
import { TEMPLATES_DIR } from '../templating/render-template.js';
import { buildDebianBase, debianMirror } from './debian-base.js';
import { LOCAL, PYTHON_SUITES, SERVICE_SUITE, type ImageSource } from './image-catalog.js';
import { llmMockServerFile } from './llm-mock-file.js';
import { nodeDistribution, npmPackage } from './node-binary.js';
import { NODE_VERSION_LABEL } from './node-version.js';

export interface RecipeContext {
  readonly store: ImageStore;
  readonly output: (line: string) => void;
  readonly signal: AbortSignal;
  /** The ids of the images this recipe builds on, in `requires` order. */
  readonly baseIds: readonly string[];
}

export interface Recipe {
  readonly ref: string;
  readonly requires: readonly ImageSource[];
  /** Everything the image depends on, hashed: stored as a label, compared before building again. */
  fingerprint(baseIds: readonly string[]): Promise<string>;
  /**
   * Whether an image an older release of this recipe made still serves a run that does not verify it;
   * absent: any does. A node image without its version label predates the headers native addons need.
   */
  serves?(labels: Readonly<Record<string, string>>): boolean;
  build(context: RecipeContext, labels: Readonly<Record<string, string>>): Promise<void>;
}

const template = (name: string): Promise<Buffer> => readFile(path.join(TEMPLATES_DIR, 'images', name));

function hash(...parts: (string | Buffer)[]): string {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\0');
  return digest.digest('hex').slice(0, 24);
}

function debianBase(suite: string): Recipe {
  return {
    ref: LOCAL.base(suite),
    requires: [],
    fingerprint: async () =>
      hash(
        'debootstrap minbase ca-certificates',
        suite,
        debianMirror(),
        await template('debian-base-configure.sh'),
      ),
    build: (context, labels) =>
      buildDebianBase(context.store, suite, LOCAL.base(suite), labels, context.output, context.signal),
  };
}

type ContextFiles = Map<string, Buffer | { path: string }>;

/** The build context of a Dockerfile recipe besides the Dockerfile, and build args beyond `BASE`. */
interface RecipeContents {
  readonly files: ContextFiles;
  readonly buildArgs?: Readonly<Record<string, string>>;
}

interface DockerfileRecipe {
  readonly ref: string;
  readonly serves?: Recipe['serves'];
  readonly base: ImageSource;
  /** In templates/images/; built with `BASE` set to the image it requires. */
  readonly dockerfile: string;
  readonly contents?: (context: RecipeContext) => Promise<RecipeContents>;
  readonly extraFingerprint?: () => Promise<string>;
  readonly verify?: (context: RecipeContext) => Promise<void>;
}

/** A recipe that is one Dockerfile from templates/images/ with `BASE` set to the image it requires. */
function dockerfileRecipe(spec: DockerfileRecipe): Recipe {
  const { ref, base, dockerfile: dockerfileName } = spec;
  return {
    ref,
    requires: [base],
    ...(spec.serves ? { serves: spec.serves } : {}),
    fingerprint: async (baseIds) =>
      hash(await template(dockerfileName), ...baseIds, (await spec.extraFingerprint?.()) ?? ''),
    async build(context, labels) {
      const contents: RecipeContents = (await spec.contents?.(context)) ?? { files: new Map() };
      const built = await context.store.build(
        {
          tag: ref,
          dockerfile: (await template(dockerfileName)).toString(),
          files: contents.files,
          buildArgs: { ...contents.buildArgs, BASE: base.ref },
          labels,
        },
        context.output,
        context.signal,
      );
      if (!built.ok) {
        throw new InfraError(
          'image-build-failed',
          `building ${ref} failed: ${built.message}`,
          'read the build output above; check that the Debian mirror answers, then run `stagebisect images build` again',
        );
      }
      await spec.verify?.(context);
    },
  };
}

const localBase = (suite: string): ImageSource => ({ kind: 'local', ref: LOCAL.base(suite) });

function pythonRecipe(version: string): Recipe {
  const suite = PYTHON_SUITES[version]!;
  const ref = LOCAL.python(version);
  return dockerfileRecipe({
    ref,
    base: localBase(suite),
    dockerfile: 'python.Dockerfile',
    extraFingerprint: async () => version,
    verify: async (context) => {
      // Debian's testing suite moves on: the image is asked which Python it has, the suite name is not trusted.
      const probe = await context.store.probe(ref, ['python3', '-V'], context.signal);
      const found = /Python (\d+\.\d+)/.exec(probe.output)?.[1];
      if (found !== version) {
        await context.store.remove(ref);
        throw new InfraError(
          'runtime-unavailable',
          `Debian ${suite} now ships Python ${found ?? 'unknown'}, not ${version}`,
          `use --runtime python@${found ?? '3.13'}, or images: registry`,
        );
      }
    },
  });
}

function nodeRecipe(major: string): Recipe {
  // The fingerprint names the major only: a new patch release is picked up by `images build --node`
  // after `stagebisect gc`, not by every run asking the registry.
  return dockerfileRecipe({
    ref: LOCAL.node(major),
    base: localBase(SERVICE_SUITE),
    dockerfile: 'node.Dockerfile',
    contents: async (context) => {
      const node = await nodeDistribution(major, context.output, context.signal);
      const npm = await npmPackage(major, context.output, context.signal);
      return {
        files: new Map([
          ['node', { path: node.path }],
          ['npm', { path: npm.path }],
        ]),
        // Kept as a label: a cell's exact Node version (for the engines check) is read without a container.
        buildArgs: { NODE_VERSION: node.version },
      };
    },
    extraFingerprint: async () => major,
    serves: (labels) => labels[NODE_VERSION_LABEL] !== undefined,
  });
}

function serviceRecipe(ref: string, dockerfile: string, files: string[]): Recipe {
  return dockerfileRecipe({
    ref,
    base: localBase(SERVICE_SUITE),
    dockerfile,
    contents: async () => ({
      files: new Map(await Promise.all(files.map(async (f) => [f, await template(f)] as const))),
    }),
  });
}

function llmMockRecipe(ref: string, node: ImageSource): Recipe {
  return dockerfileRecipe({
    ref,
    base: node,
    dockerfile: 'llm-mock.Dockerfile',
    contents: async () => ({ files: new Map([['server.mjs', await readFile(llmMockServerFile())]]) }),
    extraFingerprint: async () => hash(await readFile(llmMockServerFile())),
  });
}

/** The recipe that makes `source`, or undefined for images that are pulled. */
export function recipeFor(source: ImageSource): Recipe | undefined {
  if (source.kind === 'pull') return undefined;
  if (source.kind === 'llm-mock') return llmMockRecipe(source.ref, source.nodeImage);
  const ref = source.ref;
  const base = /^stagebisect\/debian:(.+)$/.exec(ref);
  if (base) return debianBase(base[1]!);
  const python = /^stagebisect\/python:(.+)$/.exec(ref);
  if (python && PYTHON_SUITES[python[1]!]) return pythonRecipe(python[1]!);
  const node = /^stagebisect\/node:(\d+)$/.exec(ref);
  if (node) return nodeRecipe(node[1]!);
  if (ref === LOCAL.postgres) return serviceRecipe(ref, 'postgres.Dockerfile', ['postgres-entrypoint.sh']);
  if (ref === LOCAL.redis) return serviceRecipe(ref, 'redis.Dockerfile', []);
  return undefined;
}
