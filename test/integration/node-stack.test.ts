// The node stack: npm dependencies a phase adds are installed on the host (containers reach no npm
// registry) and copied in, so a phase that needs them passes and the one before it runs without them.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, transcript } from '../support/cli.js';
import { RunLedger } from '../support/engine-leftovers.js';
import { configOf, copyFixture, removeTempProjects } from '../support/temp-project.js';

describe.runIf(inject('docker'))('node stack', () => {
  const ledger = new RunLedger();

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it('runs a node@22 service whose second layer adds an npm dependency', { timeout: 180_000 }, async () => {
    const dir = await copyFixture('node-service');
    const run = ledger.record(await runCli(['run', '--config', configOf(dir), '--json']));

    expect(run.exitCode, transcript(run)).toBe(0);
    const verdict = run.json.verdict;
    expect(verdict).toMatchObject({ status: 'pass', phase: 'ms', runtime: 'node@22' });
    const byLabel = Object.fromEntries(
      verdict.checks.map((c: { label: string; status: string }) => [c.label, c.status]),
    );
    expect(byLabel).toEqual({
      'log "listening on 3000"': 'pass',
      'http GET /health': 'pass',
      'import ms': 'pass',
      'http GET /health/ms': 'pass',
    });
  });

  it(
    'diagnoses a dependency the phase does not declare as a missing module',
    { timeout: 180_000 },
    async () => {
      const dir = await copyFixture('node-service');
      // The code needs ms when FEATURE_MS is on; take the declaration away, keep the flag.
      const phase = `${dir}/phases/20-ms.yaml`;
      await writeFile(phase, (await readFile(phase, 'utf8')).replace(/^npm: .*$/m, ''));
      const run = ledger.record(await runCli(['run', '--config', configOf(dir), '--json']));

      expect(run.exitCode, transcript(run)).toBe(1);
      expect(run.json.verdict.diagnosis).toMatchObject({ class: 'missing-module', subject: 'ms' });
    },
  );
});
