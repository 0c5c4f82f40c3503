// Which env entry of the phase carries an address the app tried: as a URL, a host or a port. The entry
// that really holds the wrong value, not merely one that mentions the service.
import type { DiagnosisInput, EnvEntry } from './diagnosis-input.js';
import { isLoopback } from './socket-address.js';

export interface Carrier {
  readonly entry: EnvEntry;
  /** What the value is: a whole URL, a host (maybe `host:port`), or a bare port. */
  readonly part: 'url' | 'host' | 'port';
}

const URL_VALUE = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)(?::(\d+))?/i;
const HOST_PORT = /^(\[[^\]]+\]|[^:/\s]+)(?::(\d+))?$/;

function sameHost(a: string, b: string): boolean {
  const plain = (h: string): string => h.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return plain(a) === plain(b) || (isLoopback(a) && isLoopback(b));
}

/** The entry whose value names `host` (and `port`, when the value has one), URLs first. */
export function entryCarryingHost(input: DiagnosisInput, host: string, port?: number): Carrier | undefined {
  const fits = (match: RegExpExecArray | null): boolean =>
    match !== null &&
    sameHost(match[1] ?? '', host) &&
    (match[2] === undefined || port === undefined || Number(match[2]) === port);
  const url = input.env.find((e) => e.value !== undefined && fits(URL_VALUE.exec(e.value)));
  if (url) return { entry: url, part: 'url' };
  const bare = input.env.find((e) => e.value !== undefined && fits(HOST_PORT.exec(e.value.trim())));
  return bare ? { entry: bare, part: 'host' } : undefined;
}

/** The entry whose value is `port` alone, or a URL with it. */
export function entryCarryingPort(input: DiagnosisInput, port: number): Carrier | undefined {
  const bare = input.env.find((e) => e.value?.trim() === String(port));
  if (bare) return { entry: bare, part: 'port' };
  const url = input.env.find((e) => {
    const match = e.value === undefined ? null : URL_VALUE.exec(e.value);
    return match?.[2] !== undefined && Number(match[2]) === port;
  });
  return url ? { entry: url, part: 'url' } : undefined;
}

/** The service attributes an entry was written with: `${services.redis.port}` -> [redis, port]. */
export function referencedAttributes(entry: EnvEntry): { service: string; attribute: string }[] {
  return [...entry.declared.matchAll(/\$\{\s*services\.([\w-]+)\.(\w+)\s*\}/g)].map((m) => ({
    service: m[1] ?? '',
    attribute: m[2] ?? '',
  }));
}
