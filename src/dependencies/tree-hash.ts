// The content address of a dependency tree: a hash of everything that decides what gets installed, and
// of nothing else, so the same inputs give the same hash on any machine. Pure.
import { createHash } from 'node:crypto';
import type { ProjectLockfile } from './project-files.js';

/** The platform the tree is installed for: npm skips optional packages built for another one. */
export interface Platform {
  readonly os: string;
  readonly cpu: string;
  readonly libc: string;
}

/** What our images run: glibc Linux on x86-64 (Debian, and node:N-slim). */
export const IMAGE_PLATFORM: Platform = { os: 'linux', cpu: 'x64', libc: 'glibc' };

/** Bumped when the layout of a cached tree changes, so old entries are never read as new ones. */
// 2: a package with `gypfile: false` is no longer recorded as one node-gyp builds.
export const TREE_FORMAT = 2;

export interface TreeInputs {
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly lockfile?: ProjectLockfile;
  /** The phase's `npm:` additions, name -> range. */
  readonly extra: Readonly<Record<string, string>>;
  readonly includeDev: boolean;
  readonly platform: Platform;
  /** The runtime's exact Node version: npm prefers versions whose engines accept it when it resolves. */
  readonly nodeVersion: string;
}

// The package.json fields that decide the tree or its checks; a new script or description does not.
const MANIFEST_FIELDS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'bundleDependencies',
  'bundledDependencies',
  'overrides',
  'workspaces',
  'engines',
  'os',
  'cpu',
] as const;

/** JSON with object keys sorted at every level: equal values give equal text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function pick(manifest: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(MANIFEST_FIELDS.filter((f) => f in manifest).map((f) => [f, manifest[f]]));
}

/**
 * An npm lockfile's content without the project's own name and version, which npm rewrites on every
 * version bump and which install nothing. Other lockfiles count byte for byte.
 */
function lockContent(lockfile: ProjectLockfile): string {
  if (lockfile.kind !== 'npm') return lockfile.text;
  const lock = JSON.parse(lockfile.text) as Record<string, unknown>;
  const { name: _name, version: _version, packages, ...rest } = lock;
  const entries = { ...(packages as Record<string, Record<string, unknown>> | undefined) };
  const root = entries[''];
  if (root) {
    const { name: _n, version: _v, ...kept } = root;
    entries[''] = kept;
  }
  return stableJson({ ...rest, ...(packages ? { packages: entries } : {}) });
}

/**
 * Whether npm resolves ranges against the registry (no lockfile, a yarn lockfile, or extra dependencies)
 * rather than installing exactly what an npm lockfile says.
 */
export function resolvesRanges(inputs: Pick<TreeInputs, 'lockfile' | 'extra'>): boolean {
  return inputs.lockfile?.kind !== 'npm' || Object.keys(inputs.extra).length > 0;
}

/** The tree's hash: 64 hex digits. */
export function hashTreeInputs(inputs: TreeInputs): string {
  const hashed = {
    format: TREE_FORMAT,
    manifest: pick(inputs.manifest),
    lockfile: inputs.lockfile ? { name: inputs.lockfile.name, content: lockContent(inputs.lockfile) } : null,
    extra: inputs.extra,
    includeDev: inputs.includeDev,
    platform: inputs.platform,
    // With an npm lockfile and nothing added, the lock decides every version and Node's does not matter.
    nodeVersion: resolvesRanges(inputs) ? inputs.nodeVersion : null,
  };
  return createHash('sha256').update(stableJson(hashed)).digest('hex');
}
