// A crashing app is reported in the time it takes to crash, not after the check's timeout, and the
// command itself ends then too.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, transcript } from '../support/cli.js';
import { RunLedger } from '../support/engine-leftovers.js';
import { configOf, copyFixture, removeTempProjects } from '../support/temp-project.js';

/** Far below the http check's 30 s default timeout; the app crashes about a second after it starts. */
const FAST_MS = 5_000;

describe.runIf(inject('docker'))('an app that crashes at start', () => {
  const ledger = new RunLedger();

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it(
    'reports the crash within seconds, with its exit code and the ValueError',
    { timeout: 180_000 },
    async () => {
      const dir = await copyFixture('crash-on-start');
      const plan = (await runCli(['validate', '--config', configOf(dir), '--json'])).json.plan;
      const timeoutMs = plan.phases[0].checks[0].timeoutMs;
      expect(timeoutMs).toBe(30_000);

      const run = ledger.record(await runCli(['run', '--config', configOf(dir), '--json']));

      expect(run.exitCode, transcript(run)).toBe(1);
      const verdict = run.json.verdict;
      expect(verdict.status).toBe('fail');
      expect(verdict.failure.stage).toBe('check');
      const [check] = verdict.checks;
      expect(check).toMatchObject({ label: 'http GET /health', status: 'fail' });
      expect(check.message).toContain('exited with code 1');
      expect(check.evidence.exitCode).toBe(1);
      expect(check.durationMs).toBeLessThan(FAST_MS);
      expect(verdict.timings.checksMs).toBeLessThan(FAST_MS);
      expect(verdict.app.exit).toEqual({ code: 1, oomKilled: false });
      expect(verdict.app.logTail.join('\n')).toContain(
        "ValueError: could not convert string to float: '30s'",
      );
      // Nothing known causes a ValueError from the app's own parsing: it is shown, not guessed at.
      expect(verdict.diagnosis.class).toBe('unclassified');
      expect(verdict.diagnosis.subject).toBeNull();
      expect(verdict.diagnosis.evidence.join('\n')).toContain('ValueError');
      // The command ends as soon as it has reported: no request to the dead container outlives it.
      expect(run.durationMs).toBeLessThan(timeoutMs / 2);
    },
  );
});
