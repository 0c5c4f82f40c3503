// The exact Node version of a runtime image: the label a local image carries, else `node -v` asked of the
// image (a registry node:N-slim), once per image id; an image that cannot say is infrastructure trouble.
import { describe, expect, it } from 'vitest';
import { InfraError } from '../../../src/errors.js';
import { NodeVersions } from '../../../src/images/node-version.js';
import { FakeImageStore } from '../../support/fake-image-store.js';

class ScriptedStore extends FakeImageStore {
  readonly probes: string[] = [];

  constructor(
    private readonly labels: Record<string, Record<string, string>>,
    private readonly answers: Record<string, { exitCode: number; output: string }>,
  ) {
    super();
  }

  override async inspect(ref: string) {
    return { id: `sha256:${ref}`, labels: this.labels[ref] ?? {} };
  }

  override async probe(ref: string, argv: readonly string[]) {
    this.probes.push(`${ref}: ${argv.join(' ')}`);
    return this.answers[ref] ?? { exitCode: 127, output: 'sh: 1: node: not found\n' };
  }
}

const signal = new AbortController().signal;

describe('NodeVersions', () => {
  it("reads a local image's label without starting a container", async () => {
    const store = new ScriptedStore({ 'stagebisect/node:22': { 'stagebisect.node-version': '22.23.5' } }, {});
    const versions = new NodeVersions(store);
    expect(await versions.of({ ref: 'stagebisect/node:22', id: 'sha256:a' }, signal)).toBe('22.23.5');
    expect(store.probes).toEqual([]);
  });

  it('asks an image without the label, once per image id', async () => {
    const store = new ScriptedStore({}, { 'node:20-slim': { exitCode: 0, output: 'v20.20.2\n' } });
    const versions = new NodeVersions(store);
    const image = { ref: 'node:20-slim', id: 'sha256:b' };
    expect(await versions.of(image, signal)).toBe('20.20.2');
    expect(await versions.of(image, signal)).toBe('20.20.2');
    expect(store.probes).toEqual(['node:20-slim: node -v']);
  });

  it('says an image without a working node is not usable', async () => {
    const versions = new NodeVersions(new ScriptedStore({}, {}));
    const reading = versions.of({ ref: 'busybox', id: 'sha256:c' }, signal);
    await expect(reading).rejects.toBeInstanceOf(InfraError);
    await expect(reading).rejects.toThrow(/busybox did not say which Node it runs/);
  });
});
