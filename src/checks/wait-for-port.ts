// Waits until a connection attempt gets through to the app's port, giving up early when the app exits,
// binds only to loopback, or settles on another port; used by the http and tcp checks.
import { NO_ANSWER } from '../net/http-request.js';
import { pollUntil } from '../timing/poll.js';
import type { CheckContext } from './check.js';
import { judgeReachability, OTHER_PORT_GRACE_MS } from './reachability.js';

const REFUSED = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ECLOSED']);
const SOCKET_LOOK_INTERVAL_MS = 400;

export type PortWait<T> =
  | { readonly kind: 'answered'; readonly value: T; readonly elapsedMs: number }
  | { readonly kind: 'exited'; readonly elapsedMs: number }
  | {
      readonly kind: 'timeout';
      readonly elapsedMs: number;
      readonly lastError: string;
      readonly connected: boolean;
    }
  | {
      readonly kind: 'unreachable';
      readonly elapsedMs: number;
      readonly reason: 'loopback-only' | 'other-port';
      readonly bound: string;
    };

export type PortAttempt<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: string; readonly error: string };

/**
 * `attempt` tries once; refused connections are retried, anything else that is not ok is final. Its
 * signal aborts when the wait ends (the app exited, the deadline passed, Ctrl-C).
 */
export async function waitForPort<T>(
  port: number,
  timeoutMs: number,
  context: CheckContext,
  attempt: (remainingMs: number, signal: AbortSignal) => Promise<PortAttempt<T>>,
): Promise<PortWait<T>> {
  const { clock } = context;
  const started = clock.now();
  let lastError = 'no attempt finished';
  let connected = false;
  let lastLook = -Infinity;
  let elsewhereSince: number | undefined;
  let unreachable: { reason: 'loopback-only' | 'other-port'; bound: string } | undefined;

  const result = await pollUntil<PortAttempt<T>>(
    async (remainingMs, signal) => {
      const outcome = await attempt(remainingMs, signal);
      if (outcome.ok) return outcome;
      lastError = outcome.error;
      if (!REFUSED.has(outcome.code)) {
        connected = outcome.code === NO_ANSWER;
        return outcome;
      }
      if (clock.now() - lastLook >= SOCKET_LOOK_INTERVAL_MS) {
        lastLook = clock.now();
        const verdict = judgeReachability(await context.app.listeningSockets(context.signal), port);
        if (verdict.kind === 'loopback-only') unreachable = { reason: verdict.kind, bound: verdict.bound };
        if (verdict.kind === 'other-port') {
          elsewhereSince ??= clock.now();
          if (clock.now() - elsewhereSince >= OTHER_PORT_GRACE_MS)
            unreachable = { reason: verdict.kind, bound: verdict.bound };
        } else elsewhereSince = undefined;
        if (unreachable) return outcome;
      }
      return undefined;
    },
    // A refused connection costs next to nothing: ask often, so a ready app is seen within 50 ms.
    {
      clock,
      signal: context.signal,
      timeoutMs,
      intervalMs: 20,
      maxIntervalMs: 50,
      stopWhen: context.app.exited,
    },
  );
  const elapsedMs = clock.now() - started;
  if (result.status === 'stopped') return { kind: 'exited', elapsedMs };
  if (result.status === 'timeout') return { kind: 'timeout', elapsedMs, lastError, connected };
  if (unreachable) return { kind: 'unreachable', elapsedMs, ...unreachable };
  if (result.value.ok) return { kind: 'answered', value: result.value.value, elapsedMs };
  return { kind: 'timeout', elapsedMs, lastError, connected };
}
