// Reads the measurements an http or tcp check attaches to its result, under the names the checks agree on.
import type { CheckResult, ListeningSocket } from '../model.js';

/**
 * The evidence keys the diagnosis reads from a failed http/tcp check:
 * `status` (HTTP status, present only when the app answered), `connected` (false when no connection was
 * made), `error` (e.g. `ECONNREFUSED`), `latencyMs` and `withinMs` (measured and allowed time of the
 * answering request), `timedOut` (no answer before the check's timeout), `timeoutMs`, and
 * `containerRunning` (whether the app's container was still running when the check gave up), and, when the
 * check gave up early because the app can never be reached, `reason` (`loopback-only` or `other-port`) with
 * `bound` (the sockets it saw, e.g. `127.0.0.1:8000` or `0.0.0.0:3000, [::]:3000`).
 */
export interface NetworkCheckEvidence {
  readonly status?: number;
  readonly connected?: boolean;
  readonly error?: string;
  readonly latencyMs?: number;
  readonly withinMs?: number;
  readonly timedOut: boolean;
  readonly timeoutMs?: number;
  readonly containerRunning?: boolean;
  readonly reason?: string;
  readonly bound?: string;
}

type Evidence = CheckResult['evidence'];

function numberAt(evidence: Evidence, key: string): number | undefined {
  const value = evidence[key];
  return typeof value === 'number' ? value : undefined;
}

function booleanAt(evidence: Evidence, key: string): boolean | undefined {
  const value = evidence[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** The evidence of an http or tcp check, or undefined for any other kind. */
export function networkCheckEvidence(check: CheckResult | undefined): NetworkCheckEvidence | undefined {
  if (!check || (check.kind !== 'http' && check.kind !== 'tcp')) return undefined;
  const e = check.evidence;
  const error = e['error'];
  const reason = e['reason'];
  const bound = e['bound'];
  return {
    status: numberAt(e, 'status'),
    connected: booleanAt(e, 'connected'),
    error: typeof error === 'string' ? error : undefined,
    latencyMs: numberAt(e, 'latencyMs'),
    withinMs: numberAt(e, 'withinMs'),
    timedOut: booleanAt(e, 'timedOut') === true,
    timeoutMs: numberAt(e, 'timeoutMs'),
    containerRunning: booleanAt(e, 'containerRunning'),
    reason: typeof reason === 'string' ? reason : undefined,
    bound: typeof bound === 'string' ? bound : undefined,
  };
}

const NO_CONNECTION =
  /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|refused|reset by peer|could not connect|couldn't connect|socket hang up/i;

/** True when an http/tcp check never got an answer because no connection could be made (or kept). */
export function couldNotConnect(check: CheckResult | undefined): boolean {
  const evidence = networkCheckEvidence(check);
  if (!check || !evidence || evidence.status !== undefined) return false;
  if (evidence.connected === false || evidence.timedOut || evidence.bound !== undefined) return true;
  // A tcp check tests nothing but the connection, so its failure is one.
  return check.kind === 'tcp' || NO_CONNECTION.test(`${check.message} ${evidence.error ?? ''}`);
}

/** The sockets a check saw the app bound to (`bound`), e.g. `127.0.0.1:8000, [::1]:8000`. */
export function boundSockets(evidence: NetworkCheckEvidence | undefined): ListeningSocket[] {
  if (evidence?.bound === undefined) return [];
  const sockets: ListeningSocket[] = [];
  for (const part of evidence.bound.split(/,\s*/)) {
    const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(part.trim());
    if (match) sockets.push({ address: match[1] ?? '', port: Number(match[2]) });
  }
  return sockets;
}
