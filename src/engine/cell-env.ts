// The env an app container gets for one cell: declared values with references resolved, PORT, and the
// secrets read from the host. Pure: the host env and the services' attributes are passed in.
import { interpolate } from '../config/interpolation.js';
import type { Phase } from '../model.js';

export interface CellEnv {
  /** Declared env with references resolved, plus PORT: what import checks run with. */
  readonly declared: Record<string, string>;
  /** declared plus the secrets found on the host: what the app runs with. */
  readonly full: Record<string, string>;
  /** Secrets the phases declare that the host does not have. */
  readonly missingSecrets: string[];
  /** Names of env vars that mention each service, for diagnosis. */
  readonly serviceVars: Record<string, string[]>;
}

export function resolveCellEnv(
  phase: Phase,
  port: number,
  serviceAttributes: Readonly<Record<string, Readonly<Record<string, string>>>>,
  randomSecret: string,
  hostEnv: Readonly<Record<string, string | undefined>>,
): CellEnv {
  const declared: Record<string, string> = {};
  const serviceVars: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(phase.env)) {
    declared[name] = interpolate(value, (reference) => {
      if (reference.kind === 'random') return randomSecret;
      if (reference.kind === 'service') {
        (serviceVars[reference.service] ??= []).push(name);
        return serviceAttributes[reference.service]?.[reference.attribute] ?? reference.text;
      }
      return reference.text;
    });
  }
  declared.PORT = String(port);
  const full = { ...declared };
  const missingSecrets: string[] = [];
  for (const name of phase.secrets) {
    const value = hostEnv[name];
    if (value === undefined) missingSecrets.push(name);
    else full[name] = value;
  }
  return { declared, full, missingSecrets, serviceVars };
}
