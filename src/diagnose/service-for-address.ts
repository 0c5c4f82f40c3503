// Which declared service an address the app tried belongs to, and how the app got it wrong.
import type { DiagnosisInput, ServiceEndpoint } from './diagnosis-input.js';
import { isLoopback } from './socket-address.js';

export type ServiceMatch =
  /** The app tried the service where it lives (by host name, or by port when the error shows an IP). */
  | { readonly kind: 'declared'; readonly service: ServiceEndpoint }
  /** The app tried localhost at the service's port: a hard-coded address, not the one it was given. */
  | { readonly kind: 'loopback'; readonly service: ServiceEndpoint }
  /** No declared service fits; `builtin` is the built-in service the address suggests, if any. */
  | { readonly kind: 'undeclared'; readonly builtin?: BuiltinName };

export type BuiltinName = 'postgres' | 'redis' | 'llm';

const BUILTIN_BY_PORT: Readonly<Record<number, BuiltinName>> = { 5432: 'postgres', 6379: 'redis' };
const BUILTIN_BY_HOST: readonly (readonly [RegExp, BuiltinName])[] = [
  [/postgres|^db$|database|^pg/i, 'postgres'],
  [/redis|cache/i, 'redis'],
  [/llm|openai/i, 'llm'],
];

/** The env name apps conventionally read a built-in service's URL from. */
export const CONVENTIONAL_ENV: Readonly<Record<BuiltinName, string>> = {
  postgres: 'DATABASE_URL',
  redis: 'REDIS_URL',
  llm: 'OPENAI_BASE_URL',
};

/** The conventional env name for a service called `name`, if it is a built-in one. */
export function conventionalEnvFor(name: string): string | undefined {
  return name === 'postgres' || name === 'redis' || name === 'llm' ? CONVENTIONAL_ENV[name] : undefined;
}

function builtinFor(host: string | undefined, port: number | undefined): BuiltinName | undefined {
  const byHost =
    host === undefined ? undefined : BUILTIN_BY_HOST.find(([pattern]) => pattern.test(host))?.[1];
  return byHost ?? (port === undefined ? undefined : BUILTIN_BY_PORT[port]);
}

const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-f:]+\]?)$/i;

/** Matches `host:port` from an error to the services of the phase. */
export function serviceFor(
  input: DiagnosisInput,
  host: string | undefined,
  port: number | undefined,
): ServiceMatch {
  const services = input.services;
  const named = host === undefined ? undefined : services.find((s) => s.host === host || s.name === host);
  if (named) return { kind: 'declared', service: named };
  const atPort = port === undefined ? undefined : services.find((s) => s.port === port);
  if (atPort && host !== undefined && isLoopback(host)) return { kind: 'loopback', service: atPort };
  // Node reports the resolved IP, not the name it was given; the port is what still identifies the service.
  if (atPort && host !== undefined && IP.test(host)) return { kind: 'declared', service: atPort };
  const builtin = builtinFor(host !== undefined && isLoopback(host) ? undefined : host, port);
  if (builtin) {
    const byName = services.find((s) => s.name === builtin);
    if (byName && host !== undefined && isLoopback(host)) return { kind: 'loopback', service: byName };
  }
  return builtin ? { kind: 'undeclared', builtin } : { kind: 'undeclared' };
}

/** The service an OpenAI-style client talks to: the llm service, or one whose URL sits in OPENAI_* env. */
export function llmService(input: DiagnosisInput): ServiceEndpoint | undefined {
  return (
    input.services.find((s) => s.name === 'llm') ??
    input.services.find((s) => s.envVars.some((v) => /OPENAI|LLM/.test(v)))
  );
}
