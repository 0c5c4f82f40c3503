// Every check kind on the real engine: all of them passing on a healthy app, and each one failing on a
// fixture that plants exactly that failure, as `stagebisect run --json` reports it.
import { appendFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { missingFromSuite } from '../support/apt-packages.js';
import { runCli, transcript } from '../support/cli.js';
import { RunLedger } from '../support/engine-leftovers.js';
import { configOf, copyFixture, removeTempProjects } from '../support/temp-project.js';

interface PlantedFailure {
  readonly fixture: string;
  readonly phase: string;
  readonly kind: string;
  readonly label: string;
  readonly message: RegExp;
  /** Evidence fields that must be there, with these values (strings: contained in the value). */
  readonly evidence: Readonly<Record<string, string | number | boolean>>;
  /** A line the app's log tail must show, when the evidence is in the log rather than the check. */
  readonly logLine?: string;
  /** The diagnosis class and subject: most of these failures are the app's own logic, which no rule claims. */
  readonly diagnosis: { readonly class: string; readonly subject: string | null };
}

const PLANTED: readonly PlantedFailure[] = [
  {
    fixture: 'fail-http',
    phase: 'orders',
    kind: 'http',
    label: 'http GET /orders/summary',
    message: /answered 500, expected 200/,
    evidence: { status: 500, body: 'Internal Server Error' },
    logLine: 'ZeroDivisionError: division by zero',
    diagnosis: { class: 'unclassified', subject: null },
  },
  {
    fixture: 'fail-log',
    phase: 'cache',
    kind: 'log',
    label: 'log "cache warmed"',
    message: /did not log "cache warmed" within 5 s/,
    evidence: {},
    diagnosis: { class: 'unclassified', subject: null },
  },
  {
    fixture: 'fail-log-forbid',
    phase: 'cache',
    kind: 'log',
    label: 'log without "degraded mode"',
    message: /logged the forbidden "degraded mode"/,
    evidence: {},
    logLine: 'CACHE_DIR is not set; running in degraded mode',
    diagnosis: { class: 'missing-env', subject: 'CACHE_DIR' },
  },
  {
    fixture: 'fail-exec',
    phase: 'site',
    kind: 'exec',
    label: 'exec python3 selfcheck.py',
    message: /exited with 1, expected 0/,
    evidence: { exitCode: 1, output: 'missing templates/index.html' },
    diagnosis: { class: 'unclassified', subject: null },
  },
  {
    fixture: 'fail-import',
    phase: 'reports',
    kind: 'import',
    label: 'import reports',
    message: /importing reports failed with exit code 1/,
    evidence: { exitCode: 1, output: "ModuleNotFoundError: No module named 'pandas'" },
    diagnosis: { class: 'missing-module', subject: 'pandas' },
  },
  {
    fixture: 'fail-exit',
    phase: 'worker',
    kind: 'exit',
    label: 'exit python3 worker.py --max-ticks=1 (code 0)',
    message: /exited with 1, expected 0/,
    evidence: { exitCode: 1, output: 'FileNotFoundError' },
    diagnosis: { class: 'unclassified', subject: null },
  },
  {
    fixture: 'fail-tcp',
    phase: 'metrics',
    kind: 'tcp',
    label: 'tcp 9100',
    message: /the app listens on 0\.0\.0\.0:8000, not on port 9100/,
    evidence: { port: 9100, bound: '0.0.0.0:8000' },
    diagnosis: { class: 'unclassified', subject: null },
  },
];

/** A check after the planted one, so that the copy shows what a failure does to the checks after it. */
const LATER_CHECK = '  - tcp: 8000\n';

async function addLaterCheck(dir: string): Promise<void> {
  const [phaseFile] = await readdir(path.join(dir, 'phases'));
  await appendFile(path.join(dir, 'phases', phaseFile!), LATER_CHECK);
}

describe.runIf(inject('docker'))('check kinds on the real engine', () => {
  const ledger = new RunLedger();

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it('passes a healthy app on one check of every kind', { timeout: 180_000 }, async () => {
    const dir = await copyFixture('all-checks-pass');
    const run = ledger.record(await runCli(['run', '--config', configOf(dir), '--json']));

    expect(run.exitCode, transcript(run)).toBe(0);
    const verdict = run.json.verdict;
    expect(verdict.status).toBe('pass');
    expect(verdict.phase).toBe('all-checks');
    expect(verdict.failure).toBeUndefined();
    expect(verdict.diagnosis).toBeUndefined();
    // The app never exited on its own: stopping it after the checks is not an exit to report.
    expect(verdict.app.exit).toBeUndefined();
    expect(verdict.checks.map((c: { kind: string }) => c.kind).sort()).toEqual(
      ['exec', 'exit', 'http', 'http', 'import', 'log', 'tcp'].sort(),
    );
    expect(verdict.checks.filter((c: { status: string }) => c.status !== 'pass')).toEqual([]);
    const byLabel = Object.fromEntries(verdict.checks.map((c: { label: string }) => [c.label, c]));
    expect(byLabel['http GET /health'].evidence).toMatchObject({ status: 200, body: 'ok', withinMs: 500 });
    expect(byLabel['http POST /echo'].evidence.body).toContain('"echo":"hello"');
    expect(byLabel['exec python3 -c "import main; print(main.VERSION)"'].evidence.output).toContain('1.0.0');
    expect(byLabel['exit python3 worker.py --max-ticks=1 (code 0)'].evidence).toMatchObject({ exitCode: 0 });
  });

  it.each(PLANTED)(
    'fails $fixture on its planted $kind check alone, with the evidence (exit 1)',
    { timeout: 180_000 },
    async (planted) => {
      const dir = await copyFixture(planted.fixture);
      await addLaterCheck(dir);
      const run = ledger.record(await runCli(['run', '--config', configOf(dir), '--json']));

      expect(run.exitCode, transcript(run)).toBe(1);
      const verdict = run.json.verdict;
      expect(verdict.status).toBe('fail');
      expect(verdict.phase).toBe(planted.phase);
      expect(verdict.failure.stage).toBe('check');
      expect(verdict.failure.message).toContain(planted.label);

      const failing = verdict.checks.filter((c: { status: string }) => c.status === 'fail');
      expect(failing).toHaveLength(1);
      const [check] = failing;
      expect(check).toMatchObject({ kind: planted.kind, label: planted.label, phase: planted.phase });
      expect(check.message).toMatch(planted.message);
      for (const [field, value] of Object.entries(planted.evidence)) {
        if (typeof value === 'string') expect(String(check.evidence[field]), field).toContain(value);
        else expect(check.evidence[field], field).toBe(value);
      }

      // Checks run in order and stop at the first failure: all before it passed, all after were skipped.
      const at = verdict.checks.indexOf(check);
      expect(at).toBeGreaterThan(0);
      for (const before of verdict.checks.slice(0, at)) expect(before.status, before.label).toBe('pass');
      expect(verdict.checks.slice(at + 1)).toEqual([
        expect.objectContaining({
          label: 'tcp 8000',
          status: 'skipped',
          message: 'not run: an earlier check failed',
        }),
      ]);

      if (planted.logLine) expect(verdict.app.logTail.join('\n')).toContain(planted.logLine);
      expect(verdict.app.exit, 'the app kept running through its checks').toBeUndefined();
      expect(verdict.diagnosis).toMatchObject(planted.diagnosis);
      // No remedy names a Debian package the runtime's suite does not have (pandas is python3-pandas).
      expect(await missingFromSuite('stagebisect/python:3.13', verdict.diagnosis)).toEqual([]);
    },
  );
});
