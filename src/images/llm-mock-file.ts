// Where the compiled llm mock server is, whether stagebisect runs from dist/ or from its sources, and the
// version its image is tagged with.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InfraError } from '../errors.js';
import { VERSION } from '../version.js';

const CANDIDATES = ['../services/llm-mock/server.js', '../../dist/services/llm-mock/server.js'];

export function llmMockServerFile(): string {
  for (const candidate of CANDIDATES) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new InfraError(
    'image-build-failed',
    'the compiled llm mock server is missing',
    'run `npm run build` in the stagebisect package',
  );
}

let version: string | undefined;

/**
 * The package version and a digest of the server: two builds of stagebisect sharing one engine (two
 * checkouts, two versions in CI) each get the mock they were built with, instead of replacing each other's.
 */
export function llmMockVersion(): string {
  version ??= `${VERSION}-${createHash('sha256').update(readFileSync(llmMockServerFile())).digest('hex').slice(0, 12)}`;
  return version;
}
