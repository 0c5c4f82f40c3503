// Compares the `engines.node` range of every package in a resolved tree with the exact Node version a
// runtime runs, before anything is built. Pure.
import semver from 'semver';
import type { ResolvedPackage } from './resolved-packages.js';

export interface EngineMismatch {
  readonly name: string;
  readonly version: string;
  readonly location: string;
  /** The package's `engines.node`, e.g. `>=22`. */
  readonly range: string;
  /** The runtime's Node version it excludes, e.g. `20.20.2`. */
  readonly nodeVersion: string;
  /** True when the range is the project's own (its package.json), not a dependency's. */
  readonly project: boolean;
}

/**
 * Every package whose `engines.node` excludes `nodeVersion`, as npm's own engine check decides it
 * (prereleases count). Optional packages are left out, since npm skips those on a Node they reject, and so
 * are ranges semver cannot read, which npm only warns about and which say nothing about this runtime.
 */
export function checkEngines(packages: readonly ResolvedPackage[], nodeVersion: string): EngineMismatch[] {
  const version = semver.clean(nodeVersion) ?? nodeVersion;
  const mismatches: EngineMismatch[] = [];
  for (const pkg of packages) {
    const range = pkg.enginesNode;
    if (range === undefined || pkg.optional || semver.validRange(range) === null) continue;
    if (semver.satisfies(version, range, { includePrerelease: true })) continue;
    mismatches.push({
      name: pkg.name,
      version: pkg.version,
      location: pkg.location,
      range,
      nodeVersion: version,
      project: pkg.location === '',
    });
  }
  return mismatches;
}
