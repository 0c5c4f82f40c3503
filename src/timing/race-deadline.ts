// Waits for work with a deadline and a cancellation signal, leaving no timer or listener behind.
import { InterruptedError } from '../errors.js';

export type Raced<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'timeout' };

/** Resolves with the work's value or `timeout`; rejects with InterruptedError when `signal` aborts first. */
export async function raceDeadline<T>(
  work: Promise<T>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Raced<T>> {
  if (signal.aborted) throw new InterruptedError();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      work.then((value) => ({ kind: 'done' as const, value })),
      new Promise<Raced<T>>((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs))),
      new Promise<never>((_, reject) => {
        onAbort = () => reject(new InterruptedError());
        signal.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
