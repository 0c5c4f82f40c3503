// withRunSession: one run opened, made-up credentials handed out, and the run closed whatever happens.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/engine/events.js';
import type { RunContext } from '../../../src/engine/run-context.js';
import { newRunId, withRunSession } from '../../../src/engine/run-session.js';
import { InterruptedError } from '../../../src/errors.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeDriver } from '../../support/fake-driver.js';

function session(options: { closeFailure?: Error } = {}) {
  const clock = new FakeClock();
  const driver = new FakeDriver({ clock, ...options });
  const events: RunEvent[] = [];
  const open = <T>(work: (context: RunContext) => Promise<T>): Promise<T> =>
    withRunSession(driver.session({ emit: (e) => events.push(e), hostEnv: { HOME: '/home/dev' } }), work);
  return { driver, events, open };
}

describe('withRunSession', () => {
  it('opens one run, hands its scope to the work and closes it after success', async () => {
    const { driver, open } = session();
    const runId = await open(async (context) => {
      expect(driver.runs[0]!.closed).toBe(false);
      expect(context.hostEnv).toEqual({ HOME: '/home/dev' });
      return context.scope.runId;
    });
    expect(driver.runs.map((r) => r.runId)).toEqual([runId]);
    expect(driver.leftovers()).toEqual([]);
  });

  it('closes the run when the work fails, and rethrows what the work threw', async () => {
    const { driver, open } = session();
    await expect(open(() => Promise.reject(new InterruptedError()))).rejects.toBeInstanceOf(InterruptedError);
    expect(driver.runs[0]!.closed).toBe(true);
  });

  it('makes a failed cleanup after success the error of the run', async () => {
    const { open } = session({ closeFailure: new Error('network in use') });
    await expect(open(async () => 'done')).rejects.toThrow('network in use');
  });

  it('keeps the error that ended a run when cleanup fails too, and warns to run gc', async () => {
    const { open, events } = session({ closeFailure: new Error('network in use') });
    await expect(open(() => Promise.reject(new Error('the build broke')))).rejects.toThrow('the build broke');
    expect(events).toEqual([
      {
        type: 'warning',
        message: 'cleanup failed (Error: network in use); run `stagebisect gc` to remove what is left',
      },
    ]);
  });

  it('makes up fresh credentials and a fresh random secret for every run', async () => {
    const { open } = session();
    const first = await open(async (c) => ({ ...c.credentials, random: c.randomSecret }));
    const second = await open(async (c) => ({ ...c.credentials, random: c.randomSecret }));
    expect(first.user).toBe('stagebisect');
    expect(first.database).toBe('app');
    expect(first.password).toMatch(/^[0-9a-f]{24}$/);
    expect(first.apiKey).toMatch(/^sk-stagebisect-[0-9a-f]{24}$/);
    expect(first.random).toMatch(/^[0-9a-f]{48}$/);
    expect(second.password).not.toBe(first.password);
    expect(second.apiKey).not.toBe(first.apiKey);
    expect(second.random).not.toBe(first.random);
  });
});

describe('newRunId', () => {
  it('gives distinct lower-case ids usable in container names', () => {
    const ids = Array.from({ length: 50 }, newRunId);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{10,}$/);
  });
});
