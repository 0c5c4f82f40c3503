// Named images of the FakeDriver: a set of refs; pulls and builds always succeed.
import type { BuildOutcome, ImageInfo, ImageStore } from '../../src/drivers/driver.js';
import { throwIfAborted } from '../../src/errors.js';

export class FakeImageStore implements ImageStore {
  readonly refs = new Set<string>();

  async inspect(ref: string): Promise<ImageInfo | undefined> {
    return this.refs.has(ref) ? { id: `sha256:${ref}`, labels: {} } : undefined;
  }

  async pull(ref: string, onProgress: (line: string) => void, signal: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    onProgress(`pulled ${ref}`);
    this.refs.add(ref);
  }

  async build(
    request: { readonly tag: string },
    _onOutput: (line: string) => void,
    signal: AbortSignal,
  ): Promise<BuildOutcome> {
    throwIfAborted(signal);
    this.refs.add(request.tag);
    return { ok: true, imageId: `sha256:${request.tag}`, output: [] };
  }

  async importRootfs(_tar: NodeJS.ReadableStream, ref: string): Promise<void> {
    this.refs.add(ref);
  }

  async probe(_ref: string, _argv: readonly string[]): Promise<{ exitCode: number; output: string }> {
    return { exitCode: 0, output: '' };
  }

  async remove(ref: string): Promise<void> {
    this.refs.delete(ref);
  }
}
