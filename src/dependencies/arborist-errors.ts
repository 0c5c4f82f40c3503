// Sorts what arborist throws into the project's problem (a failure a verdict shows), the host's trouble
// (an InfraError: network, credentials, disk) or neither (rethrown as a bug).
import { InfraError } from '../errors.js';
import type { DependencyFailure } from './dependency-failure.js';

interface NpmError {
  readonly code?: string;
  readonly message: string;
  readonly pkgid?: string;
  readonly wanted?: string;
  readonly edge?: { readonly name?: string };
}

const NETWORK = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_SOCKET_TIMEOUT',
  'EPROTO',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
]);

function asNpmError(error: unknown): NpmError | undefined {
  return error instanceof Error ? (error as NpmError) : undefined;
}

/** `ms@^99` -> [`ms`, `^99`]; `@scope/x@1` -> [`@scope/x`, `1`]. */
export function splitSpec(spec: string): [string, string] {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at <= 0 ? [spec, ''] : [spec.slice(0, at), spec.slice(at + 1)];
}

/** The project's own problem, as a failure, or undefined when the error is not one. */
export function dependencyFailureOf(error: unknown): DependencyFailure | undefined {
  const npm = asNpmError(error);
  if (npm?.code === 'E404' && npm.pkgid) {
    const [name] = splitSpec(npm.pkgid);
    return {
      kind: 'package-not-found',
      package: name,
      spec: npm.pkgid,
      message: `The npm registry has no package ${name} (404 for ${npm.pkgid}).`,
      remedy: `Check the name for a typo in package.json or under \`npm:\`; a private package needs its registry and token in an .npmrc (\`npm view ${name}\` shows what this host can see).`,
    };
  }
  if (npm?.code === 'ETARGET') {
    const spec = /No matching version found for (\S+?)\.?$/.exec(npm.message)?.[1] ?? npm.pkgid ?? '';
    const [name, range] = splitSpec(spec);
    return {
      kind: 'no-matching-version',
      package: name,
      range: npm.wanted ?? range,
      message: `The npm registry has ${name} but no version matching ${npm.wanted ?? range}.`,
      remedy: `Set ${name} to a range that exists (\`npm view ${name} versions\` lists them).`,
    };
  }
  if (npm?.code === 'ERESOLVE') {
    const name = npm.edge?.name ?? null;
    return {
      kind: 'conflict',
      package: name,
      detail: npm.message,
      message: `npm cannot install the packages together${name ? ` (conflicting peer dependency ${name})` : ''}: ${npm.message.split('\n')[0]}.`,
      remedy:
        'Run `npm install` in the project to see the conflict, then align the versions (or set `legacy-peer-deps=true` in the project .npmrc, as the host would read it).',
    };
  }
  return undefined;
}

/** The host's trouble reaching the registry or writing the tree, or undefined when it is not that. */
export function infraErrorOf(error: unknown): InfraError | undefined {
  const npm = asNpmError(error);
  const code = npm?.code ?? '';
  if (NETWORK.has(code) || /^E5\d\d$/.test(code)) {
    return new InfraError(
      'registry-unreachable',
      `the npm registry could not be reached from this host while resolving dependencies (${code}: ${npm?.message.split('\n')[0]})`,
      'check the registry, proxy and CA settings npm uses here (`npm config list`, `npm ping`); stagebisect reads the same configuration',
      { cause: error },
    );
  }
  if (code === 'E401' || code === 'E403' || code === 'ENEEDAUTH') {
    return new InfraError(
      'registry-unreachable',
      `the npm registry refused this host's credentials (${code}: ${npm?.message.split('\n')[0]})`,
      'log in (`npm login`) or set the token for that registry in ~/.npmrc or the project .npmrc, as `npm ci` would need',
      { cause: error },
    );
  }
  if (code === 'ENOSPC') {
    return new InfraError(
      'disk-full',
      'the disk filled up while installing dependencies',
      'free space in the cache directory (or set XDG_CACHE_HOME elsewhere)',
      { cause: error },
    );
  }
  return undefined;
}
