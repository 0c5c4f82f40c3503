// Resolves a Node project's dependencies on the host into a content-addressed tree: fetched through npm's
// cache with the user's npm configuration, installed once per distinct set of inputs, reused after.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InterruptedError } from '../errors.js';
import { dependencyFailureOf, infraErrorOf } from './arborist-errors.js';
import type { DependencyFailure } from './dependency-failure.js';
import { installTree } from './install-tree.js';
import { loadNpmOptions } from './npm-options.js';
import { readProjectFiles, type ProjectFiles } from './project-files.js';
import { resolvedPackages, type ResolvedPackage } from './resolved-packages.js';
import { TREE_RECORD, TreeCache, defaultTreeCacheRoot } from './tree-cache.js';
import { hashTreeInputs, IMAGE_PLATFORM, resolvesRanges, TREE_FORMAT, type Platform } from './tree-hash.js';

export interface DependencyRequest {
  /** The project's build context: its package.json and lockfile, when it has them. */
  readonly contextDir: string;
  /** The phase's `npm:` dependencies, name -> range, added to the project's own. */
  readonly extra: Readonly<Record<string, string>>;
  /** Dev dependencies too, as for a layer with a build step. */
  readonly includeDev: boolean;
  /** The cell's exact Node version (e.g. `20.20.2`): npm prefers versions whose engines accept it. */
  readonly nodeVersion: string;
  /** The image's platform; linux/x64/glibc by default. */
  readonly platform?: Platform;
}

export interface ResolveOptions {
  readonly signal?: AbortSignal;
  /** Where trees are kept; `$XDG_CACHE_HOME/stagebisect/node-trees` by default. */
  readonly cacheRoot?: string;
  /** Said only when something is really installed, not on a cache hit. */
  readonly onProgress?: (line: string) => void;
}

export interface DependencyTree {
  /** The hash of the inputs, and the name of the tree's directory. */
  readonly hash: string;
  /** Holds `node_modules/` and `package-lock.json`. */
  readonly dir: string;
  readonly nodeModules: string;
  /** The lockfile the tree was installed from (package-lock.json text), for snapshots. */
  readonly lockfile: string;
  /** The project itself (location '') and every installed package. */
  readonly packages: readonly ResolvedPackage[];
  /** Things a report should say, e.g. that a yarn lockfile was read by npm. */
  readonly warnings: readonly string[];
  /** True when the tree was already in the cache and nothing was installed. */
  readonly cached: boolean;
}

export type DependencyResolution =
  | { readonly ok: true; readonly tree: DependencyTree }
  | { readonly ok: false; readonly failure: DependencyFailure };

interface TreeRecord {
  readonly format: number;
  readonly hash: string;
  readonly packages: readonly ResolvedPackage[];
  readonly warnings: readonly string[];
}

// Two cells of one run that need the same tree wait for one install.
const inFlight = new Map<string, Promise<DependencyResolution>>();

function unsupported(files: ProjectFiles): DependencyFailure | undefined {
  const lock = files.lockfile;
  if (!lock || (lock.kind !== 'pnpm' && lock.kind !== 'yarn-berry')) return undefined;
  const tool = lock.kind === 'pnpm' ? 'pnpm' : 'yarn 2+';
  return {
    kind: 'unsupported-lockfile',
    lockfile: lock.name,
    message: `The project has only ${lock.name} (${tool}); stagebisect installs dependencies as npm does, from package-lock.json or npm-shrinkwrap.json (a yarn 1 yarn.lock is read too).`,
    remedy: `Generate a package-lock.json (\`npm install --package-lock-only\`) and commit it beside ${lock.name}, or deploy with npm; the host must then install with npm as well.`,
  };
}

async function found(cache: TreeCache, record: TreeRecord, cached: boolean): Promise<DependencyResolution> {
  const dir = cache.dir(record.hash);
  const lockfile = await readFile(path.join(dir, 'package-lock.json'), 'utf8').catch(() => '');
  return {
    ok: true,
    tree: {
      hash: record.hash,
      dir,
      nodeModules: path.join(dir, 'node_modules'),
      lockfile,
      packages: record.packages,
      warnings: record.warnings,
      cached,
    },
  };
}

function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new InterruptedError());
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(new InterruptedError());
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

async function install(
  request: DependencyRequest,
  files: ProjectFiles,
  hash: string,
  cache: TreeCache,
  options: ResolveOptions,
): Promise<DependencyResolution> {
  const platform = request.platform ?? IMAGE_PLATFORM;
  const extra = request.extra;
  const staging = await cache.stage(hash);
  const work = (async (): Promise<DependencyResolution> => {
    const outcome = await installTree({
      staging,
      files,
      extra,
      includeDev: request.includeDev,
      platform,
      ...(resolvesRanges({ lockfile: files.lockfile, extra }) ? { nodeVersion: request.nodeVersion } : {}),
      npm: await loadNpmOptions(request.contextDir),
    });
    if (!outcome.ok) return outcome;
    const warnings =
      files.lockfile?.kind === 'yarn-v1'
        ? [
            'yarn.lock was read by npm (arborist), which keeps the versions it pins; the host runs yarn itself',
          ]
        : [];
    const record: TreeRecord = {
      format: TREE_FORMAT,
      hash,
      packages: resolvedPackages(outcome.tree),
      warnings,
    };
    await writeFile(path.join(staging, TREE_RECORD), `${JSON.stringify(record, null, 2)}\n`);
    await cache.publish(staging, hash);
    return found(cache, record, false);
  })();
  // Whatever happens, a staging directory that was not published goes; after an abort, once arborist stops.
  void work.then(
    () => cache.discard(staging),
    () => cache.discard(staging),
  );
  try {
    return await abortable(work, options.signal);
  } catch (error) {
    const failure = dependencyFailureOf(error);
    if (failure) return { ok: false, failure };
    throw infraErrorOf(error) ?? error;
  }
}

/**
 * Resolves the dependencies of `request.contextDir` plus the phase's additions into a tree on disk.
 * `npm ci` semantics with an npm lockfile (a lockfile out of step with package.json is a failure naming the
 * packages); the lock's versions are kept when the phase adds packages; `npm install` semantics without
 * one. Package scripts never run here. A second call with the same inputs is a cache hit.
 *
 * Throws a ConfigError for a malformed package.json or lockfile, an InfraError when the registry or the
 * disk fails, an InterruptedError when `signal` aborts.
 */
export async function resolveDependencies(
  request: DependencyRequest,
  options: ResolveOptions = {},
): Promise<DependencyResolution> {
  const files = await readProjectFiles(request.contextDir);
  const refused = unsupported(files);
  if (refused) return { ok: false, failure: refused };
  const hash = hashTreeInputs({
    manifest: files.manifest,
    ...(files.lockfile ? { lockfile: files.lockfile } : {}),
    extra: request.extra,
    includeDev: request.includeDev,
    platform: request.platform ?? IMAGE_PLATFORM,
    nodeVersion: request.nodeVersion,
  });
  const cache = new TreeCache(options.cacheRoot ?? defaultTreeCacheRoot());
  const record = await cache.read<TreeRecord>(hash);
  if (record?.format === TREE_FORMAT) return found(cache, record, true);

  const running = inFlight.get(hash);
  if (running) return running;
  options.onProgress?.(`installing node dependencies (tree ${hash.slice(0, 12)})`);
  const resolving = install(request, files, hash, cache, options).finally(() => inFlight.delete(hash));
  inFlight.set(hash, resolving);
  return resolving;
}
