// Where the compiled llm mock server is, whether stagebisect runs from dist/ or from its sources.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InfraError } from '../errors.js';

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
