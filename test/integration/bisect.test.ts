// `stagebisect bisect --json` on fixtures that each plant one diagnosis class in one of five layers: the
// culprit, the class and its subject, in few probes; and the example passing on every layer.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, transcript } from '../support/cli.js';
import { limitConcurrency } from '../support/concurrency-limit.js';
import { RunLedger } from '../support/engine-leftovers.js';
import { configOf, copyExample, copyFixture, removeTempProjects } from '../support/temp-project.js';

interface Planted {
  readonly fixture: string;
  readonly phase: string;
  readonly index: number;
  readonly class: string;
  readonly subject: string | null;
  /** A line of the evidence the fixture's README says it produces. */
  readonly evidence: RegExp;
  /** What the remedy tells the user to do, where. */
  readonly remedy: RegExp;
  /** What the culprit added over the last good phase that plants the failure, as its README says. */
  readonly added: Readonly<Record<string, unknown>>;
}

const PHASES = ['health', 'db', 'redis', 'auth', 'llm'];

/** As each fixture's README says; all have five phases: health, db, redis, auth, llm. */
const PLANTED: readonly Planted[] = [
  // The acceptance case: the third of five phases plants a ModuleNotFoundError; at most 4 probes.
  {
    fixture: 'diag-missing-module',
    phase: 'redis',
    index: 3,
    class: 'missing-module',
    subject: 'redis',
    evidence: /ModuleNotFoundError: No module named 'redis'/,
    remedy:
      /Add `python3-redis` under `apt:` in phase 'redis' \(phases\/30-redis\.yaml\), or `redis` under `pip:`/,
    added: { apt: ['redis-tools'], services: ['redis'] },
  },
  {
    fixture: 'diag-slow-check',
    phase: 'health',
    index: 1,
    class: 'slow-check',
    subject: 'http GET /health',
    evidence: /expected within 500 ms/,
    remedy:
      /^Move blocking work off the request path.*raise `within_ms:` of this check in phase 'health' \(phases\/10-health\.yaml\)/,
    added: { files: ['main.py'], checks: ['http GET /health'] },
  },
  {
    fixture: 'diag-syntax-error',
    phase: 'auth',
    index: 4,
    class: 'syntax-error',
    subject: 'auth.py:14',
    evidence: /SyntaxError: expected ':'/,
    remedy: /^Fix line 14 of auth\.py .*`python3 -m py_compile auth\.py` finds the error/,
    added: { files: ['auth.py'] },
  },
  {
    fixture: 'diag-missing-env',
    phase: 'db',
    index: 2,
    class: 'missing-env',
    subject: 'DATABASE_URL',
    evidence: /KeyError: 'DATABASE_URL'/,
    remedy:
      /^Add `DATABASE_URL: "\$\{services\.postgres\.url\}"` under `env:` in phase 'db' \(phases\/20-db\.yaml\)/,
    added: { envNames: ['FEATURE_DB', 'POSTGRES_URL'], services: ['postgres'] },
  },
  {
    fixture: 'diag-bad-start-command',
    phase: 'db',
    index: 2,
    class: 'bad-start-command',
    subject: 'uvicorn',
    evidence: /uvicorn: not found/,
    remedy: /start it with `python3 -m uvicorn app\.main:app --host 0\.0\.0\.0 --port \$PORT`/,
    added: { start: expect.objectContaining({ to: expect.stringMatching(/^uvicorn /) }) },
  },
  {
    fixture: 'diag-service-unreachable',
    phase: 'redis',
    index: 3,
    class: 'service-unreachable',
    subject: 'redis',
    evidence: /connecting to localhost:6379/,
    remedy: /^Read the URL from REDIS_URL instead of a hard-coded localhost/,
    added: { files: ['cache.py'], envNames: ['FEATURE_REDIS', 'REDIS_URL'], services: ['redis'] },
  },
  {
    fixture: 'diag-oom',
    phase: 'auth',
    index: 4,
    class: 'oom',
    subject: null,
    evidence: /exit code 137, OOMKilled: true/,
    remedy: /raise `memory:` in stagebisect\.yaml/,
    added: { files: ['auth.py'] },
  },
  {
    fixture: 'diag-wrong-bind',
    phase: 'llm',
    index: 5,
    class: 'wrong-bind',
    subject: '127.0.0.1:8000',
    evidence: /127\.0\.0\.1:8000/,
    remedy: /^Bind 0\.0\.0\.0 and listen on \$PORT \(8000\)/,
    added: { start: expect.objectContaining({ to: expect.stringMatching(/--host 127\.0\.0\.1 /) }) },
  },
  {
    fixture: 'diag-package-unavailable',
    phase: 'llm',
    index: 5,
    class: 'package-unavailable',
    subject: 'python3-openai',
    evidence: /E: Unable to locate package python3-openai/,
    remedy: /remove python3-openai from `apt:` and install it with pip instead \(`pip: \[openai\]`\)/,
    added: { apt: ['python3-openai'] },
  },
];

/** Binary search over five phases, plus the confirmation that the phase before the culprit passes. */
const MAX_PROBES = Math.ceil(Math.log2(5)) + 1;

describe.runIf(inject('docker'))('bisect on the real engine', () => {
  const ledger = new RunLedger();
  const limit = limitConcurrency(2);

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it.concurrent.each(PLANTED)(
    'finds $class planted in phase $index ($phase) of $fixture',
    { timeout: 300_000 },
    async (planted) => {
      const dir = await copyFixture(planted.fixture);
      const run = ledger.record(
        await limit(() => runCli(['bisect', '--json'], { cwd: dir, timeoutMs: 240_000 })),
      );

      expect(run.exitCode, transcript(run)).toBe(1);
      const report = run.json;
      expect(report.command).toBe('bisect');
      expect(report.culprit).toEqual({
        phase: planted.phase,
        index: planted.index,
        file: expect.stringMatching(new RegExp(`^phases/${planted.index}0-${planted.phase}\\.yaml$`)),
      });
      expect(report.phases.map((p: { name: string }) => p.name)).toEqual(PHASES);
      expect(report.lastGood).toEqual(
        planted.index === 1
          ? { phase: null, index: null }
          : { phase: PHASES[planted.index - 2], index: planted.index - 1 },
      );
      expect(report.diagnosis.class).toBe(planted.class);
      expect(report.diagnosis.subject).toBe(planted.subject);
      expect(report.diagnosis.remedy).toMatch(planted.remedy);
      const evidence = [
        ...report.diagnosis.evidence,
        ...report.logTail,
        ...(report.failedCheck ? [report.failedCheck.message] : []),
        ...report.verdicts.flatMap((v: { build?: { outputTail: string[] } }) => v.build?.outputTail ?? []),
      ].join('\n');
      expect(evidence).toMatch(planted.evidence);
      expect(report.probes).toBeLessThanOrEqual(MAX_PROBES);
      expect(report.probeOrder).toHaveLength(report.probes);
      expect(report.untested).toEqual([]);
      expect(report.anomalies).toEqual([]);
      expect(report.inconclusive).toBe(false);
      // What the culprit added over the last good phase is there to read, the planted part with it.
      expect(report.added).toMatchObject(planted.added);
    },
  );

  it('passes the example on python@3.13, every phase good (exit 0)', { timeout: 300_000 }, async () => {
    const dir = await copyExample();
    const run = ledger.record(
      await limit(() =>
        runCli(['bisect', '--config', configOf(dir), '--runtime', 'python@3.13', '--json'], {
          timeoutMs: 240_000,
        }),
      ),
    );

    expect(run.exitCode, transcript(run)).toBe(0);
    const report = run.json;
    expect(report.runtime).toBe('python@3.13');
    expect(report.culprit).toEqual({ phase: null, index: null, file: null });
    expect(report.lastGood).toEqual({ phase: 'llm', index: 5 });
    expect(report.diagnosis).toBeNull();
    expect(report.failedCheck).toBeNull();
    expect(report.untested).toEqual([]);
    expect(report.probes).toBeLessThanOrEqual(MAX_PROBES);
    expect(report.verdicts.every((v: { status: string }) => v.status === 'pass')).toBe(true);
  });

  it(
    'passes diag-base, the healthy app every planted fixture extends: the plant is the only defect',
    { timeout: 300_000 },
    async () => {
      const dir = await copyFixture('diag-base');
      const run = ledger.record(
        await limit(() => runCli(['bisect', '--json'], { cwd: dir, timeoutMs: 240_000 })),
      );

      expect(run.exitCode, transcript(run)).toBe(0);
      expect(run.json.culprit).toEqual({ phase: null, index: null, file: null });
      expect(run.json.lastGood).toEqual({ phase: 'llm', index: 5 });
    },
  );
});
