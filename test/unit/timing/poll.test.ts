// pollUntil on a fake clock: done, timeout, stopped, the backoff of its intervals, and cancellation.
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../../src/errors.js';
import { pollUntil } from '../../../src/timing/poll.js';
import { FakeClock } from '../../support/fake-clock.js';

const never = new AbortController().signal;

/** An attempt that answers `value` on its n-th call and nothing before. */
function answersOnCall<T>(n: number, value: T) {
  const calls: number[] = [];
  const attempt = async (remainingMs: number): Promise<T | undefined> => {
    calls.push(remainingMs);
    return calls.length >= n ? value : undefined;
  };
  return { attempt, calls };
}

describe('pollUntil', () => {
  it('is done with the first value an attempt returns, and says how long that took', async () => {
    const clock = new FakeClock();
    const { attempt, calls } = answersOnCall(3, 'ready');
    const result = await pollUntil(attempt, { clock, signal: never, timeoutMs: 1000 });
    expect(result).toEqual({ status: 'done', value: 'ready', elapsedMs: 75 });
    expect(calls).toEqual([1000, 975, 925]);
  });

  it('doubles its interval from the first up to the largest, and never sleeps past the deadline', async () => {
    const clock = new FakeClock();
    const { attempt } = answersOnCall(Infinity, 'never');
    const result = await pollUntil(attempt, { clock, signal: never, timeoutMs: 1000 });
    expect(result).toEqual({ status: 'timeout', elapsedMs: 1000 });
    expect(clock.sleeps).toEqual([25, 50, 100, 200, 250, 250, 125]);
  });

  it('takes its first and largest interval from the options', async () => {
    const clock = new FakeClock();
    const { attempt } = answersOnCall(Infinity, 'never');
    await pollUntil(attempt, { clock, signal: never, timeoutMs: 100, intervalMs: 1, maxIntervalMs: 8 });
    expect(clock.sleeps.slice(0, 6)).toEqual([1, 2, 4, 8, 8, 8]);
  });

  it('stops as soon as the stop promise settles, long before the deadline', async () => {
    const clock = new FakeClock();
    let exit!: () => void;
    const exited = new Promise<void>((resolve) => (exit = resolve));
    clock.at(300, () => exit());
    const { attempt } = answersOnCall(Infinity, 'never');
    const result = await pollUntil(attempt, { clock, signal: never, timeoutMs: 30_000, stopWhen: exited });
    expect(result.status).toBe('stopped');
    expect(result.elapsedMs).toBeGreaterThanOrEqual(300);
    expect(result.elapsedMs).toBeLessThan(1000);
  });

  it('stops when the stop promise rejects, as when the engine loses the container', async () => {
    const clock = new FakeClock();
    const lost = Promise.reject(new Error('no such container'));
    const { attempt } = answersOnCall(Infinity, 'never');
    const result = await pollUntil(attempt, { clock, signal: never, timeoutMs: 30_000, stopWhen: lost });
    expect(result.status).toBe('stopped');
  });

  it('stops while an attempt hangs, and aborts that attempt', async () => {
    const clock = new FakeClock();
    let attemptSignal: AbortSignal | undefined;
    const hanging = (_remainingMs: number, signal: AbortSignal): Promise<undefined> => {
      attemptSignal = signal;
      return new Promise(() => undefined);
    };
    const result = await pollUntil(hanging, {
      clock,
      signal: never,
      timeoutMs: 30_000,
      stopWhen: Promise.resolve(),
    });
    expect(result).toEqual({ status: 'stopped', elapsedMs: 0 });
    expect(attemptSignal?.aborted).toBe(true);
  });

  it('rejects with InterruptedError when its signal is already aborted, without an attempt', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    controller.abort();
    const { attempt, calls } = answersOnCall(1, 'ready');
    await expect(
      pollUntil(attempt, { clock, signal: controller.signal, timeoutMs: 1000 }),
    ).rejects.toBeInstanceOf(InterruptedError);
    expect(calls).toEqual([]);
  });

  it('rejects with InterruptedError as soon as it is aborted between attempts', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    clock.at(100, () => controller.abort());
    const { attempt, calls } = answersOnCall(Infinity, 'never');
    await expect(
      pollUntil(attempt, { clock, signal: controller.signal, timeoutMs: 30_000 }),
    ).rejects.toBeInstanceOf(InterruptedError);
    expect(clock.now()).toBeLessThan(400);
    expect(calls.length).toBeLessThan(5);
  });
});
