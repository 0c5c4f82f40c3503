// The log check on a fake container's log: expected and forbidden text, regular expressions, early exits.
import { describe, expect, it } from 'vitest';
import { logCheck } from '../../../src/checks/log-check.js';
import type { LogCheckSpec } from '../../../src/model.js';
import { checkContext } from '../../support/check-context.js';
import type { AppScript } from '../../support/fake-container.js';
import { FakeClock } from '../../support/fake-clock.js';

function spec(text: { expect?: string; forbid?: string }, timeoutMs = 20_000): LogCheckSpec {
  return {
    kind: 'log',
    ...text,
    timeoutMs,
    label: 'log',
    phase: 'health',
    position: { file: 'phases/10-health.yaml', line: 6, column: 5 },
  };
}

function run(text: { expect?: string; forbid?: string }, app: AppScript, timeoutMs?: number) {
  const clock = new FakeClock();
  const context = checkContext(app, clock);
  return { clock, context, outcome: logCheck.run(spec(text, timeoutMs), context) };
}

describe('log check', () => {
  it('passes once the app has logged the expected text', async () => {
    const { outcome } = run(
      { expect: 'Application startup complete.' },
      { logs: ['INFO: Application startup complete.'] },
    );
    expect(await outcome).toEqual({
      status: 'pass',
      message: 'logged "Application startup complete."',
      evidence: {},
    });
  });

  it('waits for text the app logs later', async () => {
    const { clock, context, outcome } = run({ expect: 'cache ready' }, { logs: ['starting'] });
    clock.at(700, () => context.app.logs.append('cache ready\n'));
    expect((await outcome).status).toBe('pass');
    expect(clock.now()).toBeGreaterThanOrEqual(700);
    expect(clock.now()).toBeLessThan(1000);
  });

  it('matches /.../ as a regular expression', async () => {
    const { outcome } = run({ expect: '/listening on port \\d+/' }, { logs: ['listening on port 8000'] });
    expect((await outcome).status).toBe('pass');
  });

  it('does not take /.../ text literally', async () => {
    const { outcome } = run({ expect: '/ready\\d/' }, { logs: ['/ready\\d/'] }, 200);
    expect((await outcome).status).toBe('fail');
  });

  it('fails when the app logged the forbidden text, even though it logged the expected one', async () => {
    const { outcome } = run(
      { expect: 'startup complete', forbid: 'Traceback' },
      { logs: ['Traceback (most recent call last):', 'startup complete'] },
    );
    expect(await outcome).toEqual({
      status: 'fail',
      message: 'logged the forbidden "Traceback"',
      evidence: {},
    });
  });

  it('stops waiting for the expected text as soon as the forbidden text appears', async () => {
    const { clock, context, outcome } = run({ expect: 'startup complete', forbid: '/Error/' }, {});
    clock.at(300, () => context.app.logs.append('ImportError: cannot import name x\n'));
    expect((await outcome).message).toBe('logged the forbidden "/Error/"');
    expect(clock.now()).toBeLessThan(1000);
  });

  it('watches a forbid-only check for its whole window, and passes when the text never came', async () => {
    const { clock, outcome } = run({ forbid: 'Traceback' }, { logs: ['all good'] }, 5000);
    expect(await outcome).toEqual({
      status: 'pass',
      message: 'has not logged "Traceback" in 5 s',
      evidence: { elapsedMs: 5000 },
    });
    expect(clock.now()).toBe(5000);
  });

  it('fails a forbid-only check when the app logs the text late in the window', async () => {
    const { clock, context, outcome } = run({ forbid: 'degraded mode' }, { logs: ['starting'] }, 5000);
    clock.at(3000, () => context.app.logs.append('running in degraded mode\n'));
    const result = await outcome;
    expect(result).toMatchObject({ status: 'fail', message: 'logged the forbidden "degraded mode"' });
    expect(clock.now()).toBeGreaterThanOrEqual(3000);
    expect(clock.now()).toBeLessThan(3500);
  });

  it('ends a forbid-only check when the app exits, and judges what it logged', async () => {
    const clean = run({ forbid: 'Traceback' }, { logs: ['done'], exit: { code: 0, afterMs: 400 } }, 5000);
    expect(await clean.outcome).toMatchObject({
      status: 'pass',
      message: 'has not logged "Traceback" before the app exited',
    });
    expect(clean.clock.now()).toBeLessThan(1000);
    const crashed = run(
      { forbid: 'Traceback' },
      { logs: ['Traceback (most recent call last):'], exit: { code: 1, afterMs: 400 } },
      5000,
    );
    expect((await crashed.outcome).status).toBe('fail');
  });

  it('fails at once when the app exits before logging the expected text', async () => {
    const { clock, outcome } = run(
      { expect: 'startup complete' },
      { logs: ['boom'], exit: { code: 1, afterMs: 250 } },
    );
    const result = await outcome;
    expect(result.status).toBe('fail');
    expect(result.message).toBe('did not log "startup complete" before the app exited');
    expect(clock.now()).toBeLessThan(1000);
  });

  it('fails at its deadline, saying how long it waited', async () => {
    const { clock, outcome } = run({ expect: 'startup complete' }, { logs: ['still booting'] }, 5000);
    expect(await outcome).toEqual({
      status: 'fail',
      message: 'did not log "startup complete" within 5 s',
      evidence: { elapsedMs: 5000 },
    });
    expect(clock.now()).toBe(5000);
  });
});
