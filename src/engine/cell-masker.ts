// The masker of one cell: every secret it may print, known before anything can print it.
import { isSecretName } from '../secrets/secret-names.js';
import { Masker } from '../secrets/masker.js';
import type { CellEnv } from './cell-env.js';
import type { RunContext } from './run-context.js';
import type { StartedServices } from './start-services.js';

export function maskerFor(
  context: RunContext,
  env: CellEnv | undefined,
  services: StartedServices | undefined,
): Masker {
  const masker = new Masker();
  masker.add(context.credentials.password);
  masker.add(context.credentials.apiKey);
  masker.add(context.randomSecret);
  for (const [name, value] of Object.entries(env?.full ?? {})) {
    if (isSecretName(name) || env?.declared[name] === undefined) masker.add(value);
  }
  for (const attributes of Object.values(services?.attributes ?? {})) {
    masker.add(attributes.password);
    masker.add(attributes.api_key);
  }
  return masker;
}
