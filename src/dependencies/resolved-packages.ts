// The packages an installed tree holds, with what the image needs to know about each: the Node versions
// it accepts and whether it must be built (install scripts, native addons).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type Arborist from '@npmcli/arborist';

export interface ResolvedPackage {
  readonly name: string;
  readonly version: string;
  /** Where it sits: `node_modules/a/node_modules/b`; '' for the project itself. */
  readonly location: string;
  /** Its `engines.node` range, when it declares one. */
  readonly enginesNode?: string;
  /** It has a preinstall, install or postinstall script: `npm rebuild` runs it in the image. */
  readonly hasInstallScript: boolean;
  /**
   * A native addon node-gyp compiles against the image's Node: a binding.gyp, and no `gypfile: false` (which
   * better-sqlite3 13 sets: it loads the prebuilt N-API binaries it ships, and npm builds nothing).
   */
  readonly gypfile: boolean;
  readonly dev: boolean;
  readonly optional: boolean;
}

function enginesNode(pkg: Arborist.PackageJson): string | undefined {
  const node = pkg.engines?.['node'];
  return typeof node === 'string' && node.trim() !== '' ? node : undefined;
}

/** A binding.gyp that npm hands to node-gyp: unless the package says `gypfile: false`. */
function buildsWithGyp(node: Arborist.Node): boolean {
  return node.package.gypfile !== false && existsSync(path.join(node.path, 'binding.gyp'));
}

/**
 * Every package installed under `tree` (the project itself first, then by location). Packages npm
 * skipped (dev ones when omitted, optional ones for another platform) are not on disk and not listed.
 */
export function resolvedPackages(tree: Arborist.Node): ResolvedPackage[] {
  const packages: ResolvedPackage[] = [];
  for (const node of tree.inventory.values()) {
    if (node.isLink || (!node.isRoot && !existsSync(node.path))) continue;
    packages.push({
      name: node.isRoot ? (node.package.name ?? node.name) : node.packageName,
      version: node.package.version ?? node.version ?? '',
      location: node.location,
      ...(enginesNode(node.package) ? { enginesNode: enginesNode(node.package) } : {}),
      hasInstallScript: !node.isRoot && node.hasInstallScript,
      gypfile: !node.isRoot && buildsWithGyp(node),
      dev: node.dev,
      optional: node.optional,
    });
  }
  return packages.sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
}
