// renderVerdict: what a person reads about one cell, from a pass to a failing check with its evidence.
import { describe, expect, it } from 'vitest';
import type { CheckResult, Verdict } from '../../../src/model.js';
import { renderVerdict } from '../../../src/report/run-report.js';
import { MARK } from '../../../src/report/symbols.js';

const timings = {
  imageMs: 120,
  buildMs: 3400,
  servicesMs: 0,
  startMs: 80,
  checksMs: 30_000,
  totalMs: 33_600,
};

const passed = (label: string, phase = 'health'): CheckResult => ({
  label,
  kind: 'log',
  phase,
  status: 'pass',
  durationMs: 12,
  message: `logged "${label}"`,
  evidence: {},
});

const failedHttp: CheckResult = {
  label: 'http GET /health/db',
  kind: 'http',
  phase: 'db',
  status: 'fail',
  durationMs: 30_000,
  message: 'answered 500, expected 200',
  evidence: { status: 500, latencyMs: 41, body: 'Internal Server Error' },
};

const base: Verdict = {
  phase: 'db',
  phaseIndex: 2,
  runtime: 'python@3.11',
  status: 'pass',
  runId: 'run1',
  startedAt: '2026-01-01T00:00:00.000Z',
  timings,
  checks: [passed('startup complete')],
  build: { image: 'stagebisect/shop:db', outputTail: [] },
  app: { logTail: ['INFO: startup complete'] },
  warnings: [],
};

const failing: Verdict = {
  ...base,
  status: 'fail',
  checks: [
    passed('startup complete'),
    failedHttp,
    {
      ...passed('cache ready', 'redis'),
      status: 'skipped',
      message: 'not run: an earlier check failed',
      durationMs: 0,
    },
  ],
  failure: { stage: 'check', message: 'http GET /health/db (from phase db): answered 500, expected 200' },
  app: {
    exit: { code: 0, oomKilled: false },
    logTail: ['INFO: startup complete', 'sqlalchemy.exc.OperationalError: connection refused'],
  },
  diagnosis: {
    class: 'service-unreachable',
    subject: 'postgres',
    summary: 'The app could not reach postgres at localhost:5432.',
    remedy: 'Set DATABASE_URL to ${services.postgres.url}.',
    evidence: ['sqlalchemy.exc.OperationalError: connection refused'],
  },
};

describe('renderVerdict', () => {
  it('heads a pass with the project, phase, runtime and the time of each stage', () => {
    const text = renderVerdict(base, { project: 'shop', phases: 5 });
    expect(text.split('\n').slice(0, 2)).toEqual([
      'PASS  shop · phase db (2 of 5) · python@3.11 · 33.6 s · run run1',
      '      image 120 ms · build 3.4 s · services 0 ms · start 80 ms · checks 30.0 s',
    ]);
    expect(text).toContain(`  ${MARK.pass} startup complete  logged "startup complete"  [health, 12 ms]`);
    expect(text).not.toContain('app log');
  });

  it('shows a failing check, its evidence and body, the diagnosis and the log tail', () => {
    const text = renderVerdict(failing, { project: 'shop', phases: 5 });
    expect(text.split('\n')[0]).toBe('FAIL  shop · phase db (2 of 5) · python@3.11 · 33.6 s · run run1');
    expect(text).toContain(`  ${MARK.fail} http GET /health/db  answered 500, expected 200  [db, 30.0 s]`);
    expect(text).toContain(
      `  ${MARK.skip} cache ready          not run: an earlier check failed  [redis, 0 ms]`,
    );
    expect(text).toContain(
      'failed at check: http GET /health/db (from phase db): answered 500, expected 200',
    );
    expect(text).toContain('evidence: status 500 · latencyMs 41');
    expect(text).toContain('body: Internal Server Error');
    expect(text).toContain(
      [
        'diagnosis: service-unreachable (postgres)',
        '  The app could not reach postgres at localhost:5432.',
        '  remedy: Set DATABASE_URL to ${services.postgres.url}.',
        '  > sqlalchemy.exc.OperationalError: connection refused',
      ].join('\n'),
    );
    expect(text.split('\n').slice(-3)).toEqual([
      'app log (last lines):',
      '    | INFO: startup complete',
      '    | sqlalchemy.exc.OperationalError: connection refused',
    ]);
  });

  it("shows a check's own output, indented", () => {
    const exec: CheckResult = {
      ...failedHttp,
      label: 'exec python3 -c "import app.db"',
      kind: 'exec',
      evidence: {
        exitCode: 1,
        output: "Traceback (most recent call last):\nModuleNotFoundError: No module named 'sqlalchemy'\n",
      },
    };
    const text = renderVerdict({ ...failing, checks: [exec] }, { project: 'shop', phases: 5 });
    expect(text).toContain(
      'evidence: exitCode 1\noutput:\n    | Traceback (most recent call last):\n    | ModuleNotFoundError',
    );
  });

  it('shows the build output, not the app log, for a failed build', () => {
    const build: Verdict = {
      ...base,
      status: 'fail',
      checks: [],
      failure: { stage: 'build', message: 'the image did not build: apt-get returned 100' },
      build: {
        outputTail: [
          'Step 5/9 : RUN stagebisect-apt-install python3-nope',
          'E: Unable to locate package python3-nope',
        ],
      },
    };
    const text = renderVerdict(build, { project: 'shop', phases: 5 });
    expect(text).not.toContain('\nchecks\n');
    expect(text).toContain('failed at build: the image did not build: apt-get returned 100');
    expect(text).toContain(
      'build output (last lines):\n    | Step 5/9 : RUN stagebisect-apt-install python3-nope\n    | E: Unable to locate package python3-nope',
    );
    expect(text).not.toContain('app log');
  });

  it('calls an untestable cell ERROR and shows the infrastructure fault and its remedy instead of a diagnosis', () => {
    const error: Verdict = {
      ...base,
      status: 'error',
      checks: [],
      infra: {
        code: 'image-unavailable',
        message: 'no image for python@3.11',
        remedy: 'run `stagebisect images build`',
      },
    };
    const text = renderVerdict(error, { project: 'shop', phases: 5 });
    expect(text.split('\n')[0]).toBe('ERROR  shop · phase db (2 of 5) · python@3.11 · 33.6 s · run run1');
    expect(text.split('\n').slice(-2)).toEqual([
      'untestable: no image for python@3.11',
      '  remedy: run `stagebisect images build`',
    ]);
    expect(text).not.toContain('diagnosis');
  });

  it('lists warnings', () => {
    const text = renderVerdict(
      { ...base, warnings: ['secret OPENAI_API_KEY is not set in this environment'] },
      { project: 'shop', phases: 5 },
    );
    expect(text).toContain(`${MARK.warning} secret OPENAI_API_KEY is not set in this environment`);
  });
});
