// A Clock for tests: sleeping takes no real time, it only moves now() forward, so poll loops run in
// microseconds; timers set with at() fire as the clock passes them (a fake app exits "after 500 ms").
import { InterruptedError } from '../../src/errors.js';
import type { Clock } from '../../src/timing/clock.js';

interface Timer {
  readonly at: number;
  readonly fire: () => void;
}

export class FakeClock implements Clock {
  private current: number;
  private timers: Timer[] = [];
  /** Every sleep asked for, in order: what a test of backoff asserts. */
  readonly sleeps: number[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new InterruptedError();
    this.sleeps.push(ms);
    // A turn of the microtask queue, so that work racing the sleep (a stop promise) gets to settle.
    await Promise.resolve();
    this.advance(ms);
    if (signal?.aborted) throw new InterruptedError();
  }

  /** Moves time forward, firing every timer that comes due, in time order. */
  advance(ms: number): void {
    this.current += ms;
    const due = this.timers.filter((t) => t.at <= this.current).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => t.at > this.current);
    for (const timer of due) timer.fire();
  }

  /** Calls `fire` once now() reaches `time`; at once when it already has. */
  at(time: number, fire: () => void): void {
    if (time <= this.current) fire();
    else this.timers.push({ at: time, fire });
  }
}
