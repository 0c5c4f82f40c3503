// Installs a project's dependencies into a staging directory with arborist, as `npm ci` (or `npm
// install`, without an npm lockfile) would on the host, but never running a package's scripts: install
// scripts and native addons are built later inside the image, against the image's own Node.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import Arborist from '@npmcli/arborist';
import type { DependencyFailure } from './dependency-failure.js';
import { compareLock, describeMismatch, type PlacedPackage } from './lockfile-sync.js';
import type { NpmOptions } from './npm-options.js';
import type { ProjectFiles } from './project-files.js';
import type { Platform } from './tree-hash.js';

export interface InstallRequest {
  readonly staging: string;
  readonly files: ProjectFiles;
  readonly extra: Readonly<Record<string, string>>;
  readonly includeDev: boolean;
  readonly platform: Platform;
  /** Only when npm resolves ranges: with an npm lockfile alone, the lock decides and Node's version must not. */
  readonly nodeVersion?: string;
  readonly npm: NpmOptions;
}

export type InstallOutcome =
  | { readonly ok: true; readonly tree: Arborist.Node }
  | { readonly ok: false; readonly failure: DependencyFailure };

// Our own manifest for a project without a package.json: a phase may bring every dependency under `npm:`.
const STAND_IN_MANIFEST = `${JSON.stringify({ name: 'stagebisect-dependencies', private: true }, null, 2)}\n`;

function options(request: InstallRequest): Record<string, unknown> {
  return {
    // The user's registry, proxy, CA, auth and cache; the behaviour below is ours to fix.
    ...request.npm,
    path: request.staging,
    ignoreScripts: true,
    audit: false,
    fund: false,
    dryRun: false,
    global: false,
    force: false,
    packageLockOnly: false,
    packageLock: true,
    // Written into the staging copies only: the resolved lockfile is kept for snapshots.
    save: true,
    os: request.platform.os,
    cpu: request.platform.cpu,
    libc: request.platform.libc,
    nodeVersion: request.nodeVersion,
    omit: request.includeDev ? [] : ['dev'],
  };
}

function inventory(tree: Arborist.Node): Map<string, PlacedPackage> {
  return new Map(
    [...tree.inventory].map(([location, node]) => [
      location,
      { name: node.packageName, version: node.version },
    ]),
  );
}

function ownRanges(manifest: Readonly<Record<string, unknown>>): Record<string, string> {
  const ranges: Record<string, string> = {};
  for (const field of ['optionalDependencies', 'devDependencies', 'dependencies']) {
    const deps = manifest[field];
    if (typeof deps === 'object' && deps !== null) Object.assign(ranges, deps);
  }
  return ranges;
}

/** `npm ci`'s check: a lockfile out of step with package.json is the project's failure, naming the packages. */
async function checkLock(request: InstallRequest, lockfile: string): Promise<InstallOutcome | Arborist> {
  const opts = options(request);
  const locked = inventory(await new Arborist(opts).loadVirtual());
  const arborist = new Arborist(opts);
  const ideal = await arborist.buildIdealTree();
  const mismatches = compareLock(locked, inventory(ideal), ownRanges(request.files.manifest));
  if (mismatches.length === 0) return arborist;
  const listed = mismatches.map((m) => describeMismatch(m, lockfile));
  return {
    ok: false,
    failure: {
      kind: 'lockfile-out-of-sync',
      lockfile,
      packages: mismatches,
      message: `${lockfile} is out of sync with package.json, so \`npm ci\` refuses to install: ${listed.join('; ')}.`,
      remedy: `Run \`npm install\` in the project and commit the updated ${lockfile}; the host's \`npm ci\` fails the same way until then.`,
    },
  };
}

export async function installTree(request: InstallRequest): Promise<InstallOutcome> {
  const { files, staging } = request;
  await writeFile(path.join(staging, 'package.json'), files.manifestText ?? STAND_IN_MANIFEST);
  const lockfile = files.lockfile;
  // A yarn 1 lockfile is read by arborist itself (it prefers the versions it pins); others never get here.
  if (lockfile && (lockfile.kind === 'npm' || lockfile.kind === 'yarn-v1')) {
    await writeFile(path.join(staging, lockfile.name), lockfile.text);
  }
  const add = Object.entries(request.extra).map(([name, range]) => `${name}@${range}`);
  let arborist = new Arborist(options(request));
  if (lockfile?.kind === 'npm') {
    const checked = await checkLock(request, lockfile.name);
    if (!(checked instanceof Arborist)) return checked;
    // With nothing added, the checked ideal tree is what gets installed; additions start again from the lock.
    if (add.length === 0) arborist = checked;
  }
  const tree = await arborist.reify({ ...options(request), ...(add.length > 0 ? { add } : {}) });
  return { ok: true, tree };
}
