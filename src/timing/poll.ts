// Waiting on a condition without fixed sleeps: short intervals, a deadline, and early stops.
import { throwIfAborted } from '../errors.js';
import type { Clock } from './clock.js';

export interface PollOptions {
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** First interval; it doubles up to `maxIntervalMs` so that a slow start is not hammered. */
  readonly intervalMs?: number;
  readonly maxIntervalMs?: number;
  /** Settles when waiting is pointless (the container exited): the poll ends at once. */
  readonly stopWhen?: Promise<unknown>;
}

export type PollResult<T> =
  | { readonly status: 'done'; readonly value: T; readonly elapsedMs: number }
  | { readonly status: 'timeout'; readonly elapsedMs: number }
  | { readonly status: 'stopped'; readonly elapsedMs: number };

const STOPPED: unique symbol = Symbol('stopped');

/**
 * Calls `attempt` until it returns a value other than undefined. An attempt may itself take time (an HTTP
 * request): it is told the time left and must not outlast it; the stop promise is raced against both.
 * The attempt's signal aborts when the poll ends, so an attempt the stop promise overtook (a connection
 * to a container that has exited) does not linger until its own deadline and keep the process alive.
 */
export async function pollUntil<T>(
  attempt: (remainingMs: number, signal: AbortSignal) => Promise<T | undefined>,
  options: PollOptions,
): Promise<PollResult<T>> {
  const attempts = new AbortController();
  const forward = (): void => attempts.abort();
  options.signal.addEventListener('abort', forward, { once: true });
  try {
    return await poll(attempt, options, attempts.signal);
  } finally {
    options.signal.removeEventListener('abort', forward);
    attempts.abort();
  }
}

async function poll<T>(
  attempt: (remainingMs: number, signal: AbortSignal) => Promise<T | undefined>,
  options: PollOptions,
  attemptSignal: AbortSignal,
): Promise<PollResult<T>> {
  const { clock, signal, timeoutMs } = options;
  const started = clock.now();
  const elapsed = (): number => clock.now() - started;
  let interval = options.intervalMs ?? 25;
  const maxInterval = options.maxIntervalMs ?? 250;
  // A stop promise that rejects (the engine lost the container) ends the wait just the same.
  const stopped = (): typeof STOPPED => STOPPED;
  const stop: Promise<typeof STOPPED> | undefined = options.stopWhen?.then(stopped, stopped);
  const race = <V>(work: Promise<V>): Promise<V | typeof STOPPED> =>
    stop ? Promise.race<V | typeof STOPPED>([work, stop]) : work;

  for (;;) {
    throwIfAborted(signal);
    const value = await race(attempt(Math.max(timeoutMs - elapsed(), 1), attemptSignal));
    if (value === STOPPED) return { status: 'stopped', elapsedMs: elapsed() };
    if (value !== undefined) return { status: 'done', value, elapsedMs: elapsed() };
    const remaining = timeoutMs - elapsed();
    if (remaining <= 0) return { status: 'timeout', elapsedMs: elapsed() };
    const slept = await race(clock.sleep(Math.min(interval, remaining), signal));
    if (slept === STOPPED) return { status: 'stopped', elapsedMs: elapsed() };
    interval = Math.min(interval * 2, maxInterval);
  }
}
