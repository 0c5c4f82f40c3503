// A dependency tree's address: the same inputs give the same hash, and each input that decides the tree changes it.
import { describe, expect, it } from 'vitest';
import { hashTreeInputs, IMAGE_PLATFORM, type TreeInputs } from '../../../src/dependencies/tree-hash.js';

const lock = {
  name: 'api',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'api', version: '1.0.0', dependencies: { ms: '^2.1.0' } },
    'node_modules/ms': {
      version: '2.1.3',
      integrity:
        'sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==',
    },
  },
};

const base: TreeInputs = {
  manifest: {
    name: 'api',
    version: '1.0.0',
    scripts: { start: 'node server.js' },
    dependencies: { ms: '^2.1.0' },
  },
  lockfile: { name: 'package-lock.json', kind: 'npm', text: JSON.stringify(lock, null, 2) },
  extra: {},
  includeDev: false,
  platform: IMAGE_PLATFORM,
  nodeVersion: '22.23.5',
};

const hash = (changes: Partial<TreeInputs>) => hashTreeInputs({ ...base, ...changes });

function lockWith(change: (copy: typeof lock) => void): TreeInputs['lockfile'] {
  const copy = structuredClone(lock);
  change(copy);
  return { name: 'package-lock.json', kind: 'npm', text: JSON.stringify(copy) };
}

describe('hashTreeInputs', () => {
  it('gives the same hash for the same inputs, whatever the key order or lockfile formatting', () => {
    expect(hash({})).toMatch(/^[0-9a-f]{64}$/);
    expect(hash({})).toBe(hashTreeInputs({ ...base }));
    expect(hash({ lockfile: lockWith(() => undefined) })).toBe(hash({}));
    expect(hash({ manifest: { dependencies: { ms: '^2.1.0' }, version: '1.0.0', name: 'api' } })).toBe(
      hash({}),
    );
  });

  it('changes with each input that decides what is installed', () => {
    const changed = [
      hash({ manifest: { ...base.manifest, dependencies: { ms: '^2.0.0' } } }),
      hash({ manifest: { ...base.manifest, devDependencies: { typescript: '^5' } } }),
      hash({ manifest: { ...base.manifest, engines: { node: '>=22' } } }),
      hash({ lockfile: lockWith((l) => (l.packages['node_modules/ms'].version = '2.1.2')) }),
      hash({ lockfile: { name: 'npm-shrinkwrap.json', kind: 'npm', text: base.lockfile!.text } }),
      hash({ lockfile: undefined }),
      hash({ extra: { ioredis: '^5' } }),
      hash({ includeDev: true }),
      hash({ platform: { ...IMAGE_PLATFORM, libc: 'musl' } }),
    ];
    expect(new Set([hash({}), ...changed]).size).toBe(changed.length + 1);
  });

  it("ignores what installs nothing: scripts, and the project's own version in package.json and the lock", () => {
    expect(hash({ manifest: { ...base.manifest, scripts: {}, version: '1.0.1', description: 'x' } })).toBe(
      hash({}),
    );
    const bumped = lockWith((l) => {
      l.version = '1.0.1';
      l.packages[''].version = '1.0.1';
    });
    expect(hash({ lockfile: bumped })).toBe(hash({}));
  });

  it("counts Node's version only when npm resolves ranges, not when the lockfile decides every version", () => {
    expect(hash({ nodeVersion: '20.20.2' })).toBe(hash({}));
    expect(hash({ extra: { ms: '^2' }, nodeVersion: '20.20.2' })).not.toBe(hash({ extra: { ms: '^2' } }));
    expect(hash({ lockfile: undefined, nodeVersion: '20.20.2' })).not.toBe(hash({ lockfile: undefined }));
  });

  it('tells the extra dependencies apart by range, not only by name', () => {
    expect(hash({ extra: { ioredis: '^5' } })).not.toBe(hash({ extra: { ioredis: '^4' } }));
    expect(hash({ extra: { a: '1', b: '2' } })).toBe(hash({ extra: { b: '2', a: '1' } }));
  });
});
