// `stagebisect bisect --json` on fixtures that each plant one diagnosis class in one of five layers: the
// culprit, the class, its subject and remedy, in few probes, never proposing a package the runtime lacks;
// the example and a made-up LLM key passing on every layer; and `--deep` naming the addition that breaks a layer.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, transcript } from '../support/cli.js';
import { missingFromSuite } from '../support/apt-packages.js';
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
  /** What the remedy must say. */
  readonly remedy: RegExp;
  /** Part of what the culprit added over the last good phase. */
  readonly added?: Readonly<Record<string, unknown>>;
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
      /Add `python3-redis` under `apt:` in phase 'redis' \(phases\/30-redis\.yaml\), or `redis` under `pip:`\./,
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
      /^Move blocking work off the request path.*raise `within_ms:` of this check in .*phases\/10-health\.yaml/,
  },
  {
    fixture: 'diag-syntax-error',
    phase: 'auth',
    index: 4,
    class: 'syntax-error',
    subject: 'auth.py:14',
    evidence: /SyntaxError: expected ':'/,
    remedy: /^Fix line 14 of auth\.py /,
  },
  {
    fixture: 'diag-missing-env',
    phase: 'db',
    index: 2,
    class: 'missing-env',
    subject: 'DATABASE_URL',
    evidence: /KeyError: 'DATABASE_URL'/,
    remedy: /Add `DATABASE_URL: "\$\{services\.postgres\.url\}"` under `env:` in phase 'db'/,
  },
  {
    fixture: 'diag-bad-start-command',
    phase: 'db',
    index: 2,
    class: 'bad-start-command',
    subject: 'uvicorn',
    evidence: /uvicorn: not found/,
    remedy:
      /Debian's python3-uvicorn installs the module but no `uvicorn` executable: start it with `python3 -m uvicorn /,
    added: { start: expect.objectContaining({ to: expect.stringMatching(/^uvicorn /) }) },
  },
  {
    fixture: 'diag-service-unreachable',
    phase: 'redis',
    index: 3,
    class: 'service-unreachable',
    subject: 'redis',
    evidence: /connecting to localhost:6379/,
    remedy: /Read the URL from REDIS_URL instead of a hard-coded localhost/,
  },
  {
    fixture: 'diag-oom',
    phase: 'auth',
    index: 4,
    class: 'oom',
    subject: null,
    evidence: /exit code 137, OOMKilled: true/,
    remedy: /^Reduce what the app holds in memory .* or raise `memory:` in stagebisect\.yaml/,
  },
  {
    fixture: 'diag-wrong-bind',
    phase: 'llm',
    index: 5,
    class: 'wrong-bind',
    subject: '127.0.0.1:8000',
    evidence: /127\.0\.0\.1:8000/,
    remedy: /Bind 0\.0\.0\.0 and listen on \$PORT \(8000\)/,
  },
  {
    fixture: 'diag-package-unavailable',
    phase: 'llm',
    index: 5,
    class: 'package-unavailable',
    subject: 'python3-openai',
    evidence: /E: Unable to locate package python3-openai/,
    remedy: /remove python3-openai from `apt:` and install it with pip instead \(`pip: \[openai\]`\)/,
  },
  {
    fixture: 'diag-llm-missing-key',
    phase: 'llm',
    index: 5,
    class: 'missing-env',
    subject: 'OPENAI_API_KEY',
    evidence: /The api_key client option must be set .* OPENAI_API_KEY environment variable/,
    remedy:
      /^Add `OPENAI_API_KEY: sk-test-123` under `env:` in phase 'llm' \(phases\/50-llm\.yaml\): the llm mock accepts any non-empty key/,
  },
  {
    fixture: 'diag-llm-strict-key',
    phase: 'llm',
    index: 5,
    class: 'service-refused',
    subject: 'llm 401 invalid_api_key',
    evidence: /POST \/v1\/chat\/completions 401 refused \(invalid_api_key\): Incorrect API key provided/,
    remedy:
      /set `OPENAI_API_KEY: "\$\{services\.llm\.api_key\}"` under `env:` in phases\/50-llm\.yaml, or drop strict_key/,
  },
  {
    fixture: 'diag-start-target',
    phase: 'db',
    index: 2,
    class: 'bad-start-command',
    subject: 'backend.main',
    evidence: /ModuleNotFoundError: No module named 'backend'/,
    remedy: /^Fix the module path in `start:`.* Nothing in the build context is called backend\.$/,
    added: { start: expect.objectContaining({ to: expect.stringContaining('backend.main:app') }) },
  },
  {
    fixture: 'diag-env-wrong-host',
    phase: 'redis',
    index: 3,
    class: 'service-unreachable',
    subject: 'redis',
    evidence: /connecting to localhost:6379/,
    remedy:
      /^Set `REDIS_HOST: "\$\{services\.redis\.host\}"` in phases\/30-redis\.yaml: inside a container, localhost is the app itself\.$/,
  },
];

/** The runtime image each fixture runs on: its Debian suite is what a proposed apt package must exist in. */
const imageOf = (fixture: string): string =>
  fixture === 'diag-package-unavailable' ? 'stagebisect/python:3.11' : 'stagebisect/python:3.13';

/** Binary search over five phases, plus the confirmation that the phase before the culprit passes. */
const MAX_PROBES = Math.ceil(Math.log2(5)) + 1;

describe.runIf(inject('docker'))('bisect on the real engine', () => {
  const ledger = new RunLedger();
  const limit = limitConcurrency(2);
  /** `stagebisect bisect --json` (and `extra` options) on a copy of the fixture, recorded for the leftovers check. */
  const bisectFixture = async (fixture: string, extra: readonly string[] = [], timeoutMs = 240_000) => {
    const dir = await copyFixture(fixture);
    return ledger.record(await limit(() => runCli(['bisect', ...extra, '--json'], { cwd: dir, timeoutMs })));
  };

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it.concurrent.each(PLANTED)(
    'finds $class planted in phase $index ($phase) of $fixture',
    { timeout: 300_000 },
    async (planted) => {
      const run = await bisectFixture(planted.fixture);

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
      // No remedy names a Debian package this runtime's suite does not have.
      expect(await missingFromSuite(imageOf(planted.fixture), report.diagnosis)).toEqual([]);
      expect(report.diagnosis.packages?.aptCheck ?? 'none').not.toBe('unchecked');
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
      // What the culprit added over the last good phase is there to read.
      expect(report.added).not.toBeNull();
      if (planted.added) expect(report.added).toMatchObject(planted.added);
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
    'names the start target that is not a module of the project as the start command, proposing no package',
    { timeout: 300_000 },
    async () => {
      const run = await bisectFixture('diag-start-target');
      const diagnosis = run.json.diagnosis;
      expect(diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'backend.main' });
      expect(diagnosis.packages).toBeUndefined();
      expect(`${diagnosis.summary} ${diagnosis.remedy}`).not.toMatch(
        /python3-backend|under `apt:`|under `pip:`/,
      );
      expect(diagnosis.summary).toContain(
        "Phase 'db' (phases/20-db.yaml) changed `start:` to `python3 -m uvicorn backend.main:app --host 0.0.0.0 --port $PORT`",
      );
    },
  );

  it('passes every layer when the llm layer gives a made-up key (exit 0)', { timeout: 300_000 }, async () => {
    const run = await bisectFixture('diag-llm-made-up-key');

    expect(run.exitCode, transcript(run)).toBe(0);
    expect(run.json.culprit).toEqual({ phase: null, index: null, file: null });
    expect(run.json.lastGood).toEqual({ phase: 'llm', index: 5 });
    const llm = run.json.verdicts.find((v: { phase: string }) => v.phase === 'llm');
    expect(llm.status).toBe('pass');
    const check = llm.checks.find((c: { label: string }) => c.label === 'http GET /health/llm');
    expect(check).toMatchObject({ status: 'pass', evidence: { status: 200 } });
    expect(check.evidence.body).toMatch(/^mock answer: /);
  });

  it(
    '--deep names start: as the one addition of four that breaks the auth layer, in at most 2·log2(4)+2 probes',
    { timeout: 400_000 },
    async () => {
      const run = await bisectFixture('diag-deep-start', ['--deep'], 360_000);

      expect(run.exitCode, transcript(run)).toBe(1);
      const report = run.json;
      expect(report.culprit).toEqual({ phase: 'auth', index: 4, file: 'phases/40-auth.yaml' });
      expect(report.diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'uvicorn' });
      const start = 'start: uvicorn main:app --host 0.0.0.0 --port $PORT --workers 2';
      const deep = report.deep;
      expect(deep.additions.map((a: { label: string }) => a.label)).toEqual([
        'apt python3-jwt',
        'file auth.py',
        'env JWT_SECRET',
        start,
      ]);
      expect(deep.minimal).toEqual([{ kind: 'start', name: start.slice('start: '.length), label: start }]);
      expect(deep).toMatchObject({ phase: 'auth', base: 'redis', failure: 'bad-start-command (uvicorn)' });
      expect(deep.probes).toBeLessThanOrEqual(2 * Math.log2(4) + 2);
      expect(deep.probeOrder).toHaveLength(deep.probes);
      // The probe of the empty set passes: the failure needs something the layer adds.
      expect(deep.probeOrder[0]).toMatchObject({ additions: [], outcome: 'pass', status: 'pass' });
      const failing = deep.probeOrder.filter((p: { outcome: string }) => p.outcome === 'fail');
      expect(failing.every((p: { additions: string[] }) => p.additions.includes(start))).toBe(true);
      expect(deep.diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'uvicorn' });
    },
  );

  it(
    'passes diag-base, the healthy app every planted fixture extends: the plant is the only defect',
    { timeout: 300_000 },
    async () => {
      const run = await bisectFixture('diag-base');

      expect(run.exitCode, transcript(run)).toBe(0);
      expect(run.json.culprit).toEqual({ phase: null, index: null, file: null });
      expect(run.json.lastGood).toEqual({ phase: 'llm', index: 5 });
    },
  );
});
