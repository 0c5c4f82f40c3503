// postgres, redis and the llm mock, started on the run's network and waited on until really ready, then
// proven by the app's own clients through its endpoints.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, transcript } from '../support/cli.js';
import { RunLedger } from '../support/engine-leftovers.js';
import { configOf, copyFixture, removeTempProjects } from '../support/temp-project.js';

describe.runIf(inject('docker'))('services', () => {
  const ledger = new RunLedger();

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it(
    'starts postgres, redis and the llm mock ready for the app, and times every step',
    { timeout: 180_000 },
    async () => {
      const dir = await copyFixture('services');
      const run = ledger.record(await runCli(['run', '--config', configOf(dir), '--json']));

      expect(run.exitCode, transcript(run)).toBe(0);
      const verdict = run.json.verdict;
      expect(verdict).toMatchObject({ status: 'pass', phase: 'services', phaseIndex: 2 });
      const answers = Object.fromEntries(
        verdict.checks.map((c: { label: string; status: string; evidence: { body?: string } }) => [
          c.label,
          `${c.status} ${c.evidence.body ?? ''}`,
        ]),
      );
      expect(answers['http GET /postgres']).toMatch(/^pass PostgreSQL \d+/);
      expect(answers['http GET /postgres/libpq']).toBe('pass ok');
      expect(answers['http GET /redis']).toBe('pass ok');
      expect(answers['http GET /llm']).toBe('pass mock answer: hello');
      expect(answers['http GET /llm/models']).toMatch(/^pass .*gpt-4o-mini/);

      const t = verdict.timings;
      for (const step of ['buildMs', 'servicesMs', 'startMs', 'checksMs', 'totalMs'] as const) {
        expect(t[step], step).toBeGreaterThan(0);
      }
      expect(t.totalMs).toBeGreaterThanOrEqual(t.buildMs + t.servicesMs + t.startMs + t.checksMs);
      // Each service's readiness is its own step, with what proved it.
      expect(run.stderr).toMatch(/service postgres: ready in \d+ ms \(answered select 1\)/);
      expect(run.stderr).toMatch(/service redis: ready in \d+ ms \(answered PONG\)/);
      expect(run.stderr).toMatch(/service llm: ready in \d+ ms \(answered 200\)/);
      expect(run.stderr).not.toContain('MaxListenersExceededWarning');
    },
  );
});
