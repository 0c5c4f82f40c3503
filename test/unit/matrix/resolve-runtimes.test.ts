// resolveRuntimes: versions and semver ranges against what the image mode can serve.
import { describe, expect, it } from 'vitest';
import { servableVersions } from '../../../src/images/image-catalog.js';
import { formatRuntime } from '../../../src/model.js';
import { resolveRuntimes, versionMatches } from '../../../src/matrix/resolve-runtimes.js';
import { matrixSpec } from '../../support/matrix-spec.js';

const local = (language: 'python' | 'node') => servableVersions(language, 'local');
const labels = (spec: ReturnType<typeof matrixSpec>, mode: 'local' | 'registry' = 'local') =>
  resolveRuntimes(spec, mode, (l) => servableVersions(l, mode)).runtimes.map((r) => formatRuntime(r.runtime));

describe('resolveRuntimes', () => {
  it('keeps exact versions, oldest first, without duplicates', () => {
    expect(labels(matrixSpec({ python: ['3.13', '3.11', '3.13'] }))).toEqual(['python@3.11', 'python@3.13']);
  });

  it('resolves a range against the versions the image mode serves, compared as versions, not text', () => {
    expect(labels(matrixSpec({ python: ['>=3.11 <3.15'] }))).toEqual([
      'python@3.11',
      'python@3.13',
      'python@3.14',
    ]);
    expect(labels(matrixSpec({ python: ['>=3.10'] }), 'registry')).toEqual([
      'python@3.10',
      'python@3.11',
      'python@3.12',
      'python@3.13',
      'python@3.14',
    ]);
    expect(labels(matrixSpec({ node: ['^20 || ^22 || ^24'] }))).toEqual(['node@20', 'node@22', 'node@24']);
  });

  it('keeps an exact version no image serves as untested, with the reason', () => {
    const { runtimes, issues } = resolveRuntimes(matrixSpec({ python: ['3.12'] }), 'local', local);
    expect(issues).toEqual([]);
    expect(runtimes).toEqual([
      {
        runtime: { language: 'python', version: '3.12' },
        unservable: 'images: local cannot serve python@3.12; it serves python 3.9, 3.11, 3.13, 3.14',
      },
    ]);
  });

  it('refuses a range that matches nothing, at its position, naming what is available', () => {
    const { runtimes, issues } = resolveRuntimes(matrixSpec({ python: ['3.13', '>=3.15'] }), 'local', local);
    expect(runtimes.map((r) => r.runtime.version)).toEqual(['3.13']);
    expect(issues).toEqual([
      {
        file: 'matrices/nightly.yaml',
        line: 4,
        column: 1,
        message:
          'no python version that images: local can serve matches ">=3.15"; available: 3.9, 3.11, 3.13, 3.14',
        fix: 'widen the range, or list versions from 3.9, 3.11, 3.13, 3.14',
      },
    ]);
  });
});

describe('versionMatches', () => {
  it('takes 3.13-style versions as semver 3.13.0 for ranges, and exact texts by equality', () => {
    expect(versionMatches('3.13', '~3.13')).toBe(true);
    expect(versionMatches('3.9', '>=3.10')).toBe(false);
    expect(versionMatches('20', '20')).toBe(true);
    expect(versionMatches('20', '2')).toBe(false);
  });
});
