// engines.node of real published manifests (captured with the command in engines-manifests.json) against
// the exact Node versions the runtimes run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkEngines } from '../../../src/dependencies/engines-check.js';
import type { ResolvedPackage } from '../../../src/dependencies/resolved-packages.js';

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly engines?: { readonly node?: string };
}

const { manifests } = JSON.parse(
  readFileSync(new URL('./engines-manifests.json', import.meta.url), 'utf8'),
) as {
  manifests: Manifest[];
};

function installed(manifest: Manifest, extra: Partial<ResolvedPackage> = {}): ResolvedPackage {
  return {
    name: manifest.name,
    version: manifest.version,
    location: `node_modules/${manifest.name}`,
    ...(manifest.engines?.node ? { enginesNode: manifest.engines.node } : {}),
    hasInstallScript: false,
    gypfile: false,
    dev: false,
    optional: false,
    ...extra,
  };
}

function pick(spec: string): ResolvedPackage {
  const manifest = manifests.find((m) => `${m.name}@${m.version}` === spec);
  if (!manifest) throw new Error(`no captured manifest ${spec}`);
  return installed(manifest);
}

const everything = manifests.map((m) => installed(m));
const names = (nodeVersion: string) =>
  checkEngines(everything, nodeVersion).map((m) => `${m.name}@${m.version}`);

describe('checkEngines', () => {
  it('names better-sqlite3 13 on Node 20, with its range and the runtime', () => {
    expect(checkEngines([pick('better-sqlite3@13.2.0')], '20.20.2')).toEqual([
      {
        name: 'better-sqlite3',
        version: '13.2.0',
        location: 'node_modules/better-sqlite3',
        range: '>=22',
        nodeVersion: '20.20.2',
        project: false,
      },
    ]);
  });

  it('finds exactly the packages each runtime excludes, over the whole captured set', () => {
    expect(names('20.20.2')).toEqual(['better-sqlite3@13.2.0']);
    expect(names('22.23.5')).toEqual([]);
    expect(names('24.22.3')).toEqual([]);
    expect(names('26.12.1')).toEqual(['better-sqlite3@12.4.1']);
  });

  it('compares the exact version: undici 7.16 wants 20.18.1, so Node 20.17.0 fails and 20.20.2 passes', () => {
    expect(names('20.17.0')).toContain('undici@7.16.0');
    expect(names('v20.20.2')).not.toContain('undici@7.16.0');
  });

  it('names the project itself when its own engines exclude the runtime', () => {
    const project = installed(
      { name: 'node-api', version: '1.0.0', engines: { node: '>=22' } },
      { location: '' },
    );
    expect(checkEngines([project], '20.20.2')).toEqual([
      expect.objectContaining({ name: 'node-api', project: true }),
    ]);
  });

  it('leaves out optional packages (npm skips them) and ranges semver cannot read (npm only warns)', () => {
    const optional = installed(manifests[0]!, { optional: true });
    const unreadable = installed({
      name: 'old-thing',
      version: '0.1.0',
      engines: { node: 'node 0.4 or newer' },
    });
    expect(checkEngines([optional, unreadable], '20.20.2')).toEqual([]);
  });
});
