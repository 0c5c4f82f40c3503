// renderBisect: the culprit, the last good phase, what the culprit adds and why it fails; or why none was found.
import { describe, expect, it } from 'vitest';
import type { BisectReport, DeepBisectReport, Verdict } from '../../../src/model.js';
import { renderBisect } from '../../../src/report/bisect-report.js';
import { readableLog } from '../../../src/report/evidence-text.js';
import { MARK } from '../../../src/report/symbols.js';

const PHASES = ['health', 'db', 'redis', 'auth', 'llm'].map((name, i) => ({
  index: i + 1,
  name,
  file: `phases/${(i + 1) * 10}-${name}.yaml`,
}));

const redisVerdict: Verdict = {
  phase: 'redis',
  phaseIndex: 3,
  runtime: 'python@3.11',
  status: 'fail',
  runId: 'run1',
  startedAt: '2026-01-01T00:00:00.000Z',
  timings: { imageMs: 0, buildMs: 0, servicesMs: 0, startMs: 0, checksMs: 0, totalMs: 9000 },
  checks: [],
  failure: {
    stage: 'check',
    message: 'http GET /health/redis (from phase redis): answered 500, expected 200\nmore',
  },
  warnings: [],
};

const found: BisectReport = {
  project: 'shop',
  runtime: 'python@3.11',
  runId: 'run1',
  phases: PHASES,
  culprit: { phase: 'redis', index: 3, file: 'phases/30-redis.yaml' },
  lastGood: { phase: 'db', index: 2 },
  added: {
    apt: ['python3-redis'],
    pip: [],
    requirements: [],
    npm: {},
    files: ['app/cache.py'],
    envNames: ['REDIS_URL'],
    secrets: [],
    services: ['redis'],
    checks: ['http GET /health/redis'],
    start: { from: 'python3 -m app', to: 'python3 -m app --cache' },
  },
  failedCheck: {
    label: 'http GET /health/redis',
    kind: 'http',
    phase: 'redis',
    status: 'fail',
    durationMs: 40,
    message: 'answered 500, expected 200',
    evidence: { status: 500, latencyMs: 12, body: 'boom' },
  },
  diagnosis: {
    class: 'service-unreachable',
    subject: 'redis',
    summary: 'The app could not reach redis at localhost:6379.',
    remedy: 'Set REDIS_URL to ${services.redis.url}.',
    evidence: ['redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379.'],
  },
  logTail: ['INFO: started', 'redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379.'],
  probes: 2,
  probeOrder: [
    { phase: 'redis', index: 3, status: 'fail', durationMs: 9000 },
    { phase: 'db', index: 2, status: 'pass', durationMs: 7000 },
  ],
  untested: [],
  possibleCulprits: [],
  anomalies: [],
  inconclusive: false,
  durationMs: 16_000,
  verdicts: [redisVerdict],
};

describe('renderBisect', () => {
  it('heads the report with the probes it took and marks the phases it probed', () => {
    const lines = renderBisect(found).split('\n');
    expect(lines[0]).toBe('bisect shop on python@3.11: 2 probes of 5 phases in 16.0 s · run run1');
    expect(lines[1]).toBe(`  1 health  ·  2 db ${MARK.pass}  ·  3 redis ${MARK.fail}  ·  4 auth  ·  5 llm`);
  });

  it('names the culprit with its file, the last good phase and everything the culprit adds', () => {
    const text = renderBisect(found);
    expect(text).toContain(
      [
        'first failing phase: redis (3 of 5, phases/30-redis.yaml)',
        'last good phase:     db (2)',
        '',
        'what redis adds:',
        '  apt: python3-redis',
        '  files: app/cache.py',
        '  env: REDIS_URL',
        '  services: redis',
        '  checks: http GET /health/redis',
        '  start: python3 -m app --cache  (was: python3 -m app)',
        '',
        'failed at check: http GET /health/redis (from phase redis): answered 500, expected 200',
        'evidence: status 500 · latencyMs 12',
      ].join('\n'),
    );
  });

  it('explains the failure with the diagnosis and the log tail', () => {
    const text = renderBisect(found);
    expect(text).toContain(
      'diagnosis: service-unreachable (redis)\n  The app could not reach redis at localhost:6379.',
    );
    expect(text.split('\n').slice(-3)).toEqual([
      'log (last lines):',
      '    | INFO: started',
      '    | redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379.',
    ]);
  });

  it('says when the first phase already fails', () => {
    const first = {
      ...found,
      culprit: { phase: 'health', index: 1, file: 'phases/10-health.yaml' },
      lastGood: { phase: null, index: null },
    };
    expect(renderBisect(first)).toContain('last good phase:     none: the first phase fails');
  });

  it('says a layer that adds nothing but its name', () => {
    const bare = {
      ...found,
      added: {
        ...found.added!,
        apt: [],
        files: 'context' as const,
        envNames: [],
        services: [],
        checks: [],
        start: undefined,
      },
    };
    expect(renderBisect(bare)).toContain('what redis adds:\n  (nothing but its name)');
  });

  it('names untested phases and the other phases the culprit may be', () => {
    const hidden = {
      ...found,
      untested: ['db'],
      possibleCulprits: ['db', 'redis'],
      lastGood: { phase: 'health', index: 1 },
    };
    const text = renderBisect(hidden);
    expect(text).toContain(`${MARK.warning} untested (infrastructure trouble): db`);
    expect(text).toContain('  it may also be db, which could not be tested');
  });

  it('warns when a later phase passed although an earlier one failed', () => {
    const text = renderBisect({ ...found, anomalies: [{ passed: 'auth', failed: 'redis' }] });
    expect(text).toContain(`${MARK.warning} not monotone: auth passed although the earlier redis failed`);
  });

  it('says every phase passes, naming the last good one', () => {
    const clean = {
      ...found,
      culprit: { phase: null, index: null, file: null },
      lastGood: { phase: 'llm', index: 5 },
      added: null,
    };
    expect(renderBisect(clean).split('\n').at(-1)).toBe('every phase passes: the last good phase is llm');
  });

  it('explains an inconclusive bisect with the infrastructure fault', () => {
    const infra: Verdict = {
      ...redisVerdict,
      status: 'error',
      infra: { code: 'engine-unreachable', message: 'no engine', remedy: 'start one' },
    };
    const text = renderBisect({ ...found, inconclusive: true, verdicts: [infra] });
    expect(text.split('\n').slice(-3)).toEqual([
      'inconclusive: no phase could be tested.',
      '  no engine',
      '  remedy: start one',
    ]);
  });
});

describe('renderBisect with --deep', () => {
  const deep: DeepBisectReport = {
    phase: 'auth',
    base: 'redis',
    additions: [
      { kind: 'apt', name: 'python3-passlib', label: 'apt python3-passlib' },
      { kind: 'file', name: 'app/auth.py', label: 'file app/auth.py' },
      { kind: 'env', name: 'FEATURE_AUTH', label: 'env FEATURE_AUTH' },
    ],
    minimal: [
      { kind: 'file', name: 'app/auth.py', label: 'file app/auth.py' },
      { kind: 'env', name: 'FEATURE_AUTH', label: 'env FEATURE_AUTH' },
    ],
    failure: 'missing-module (jwt)',
    probes: 3,
    probeOrder: [
      {
        additions: [],
        outcome: 'unresolved',
        status: 'fail',
        failure: 'unclassified at check: x',
        durationMs: 1,
      },
      {
        additions: ['apt python3-passlib'],
        outcome: 'unresolved',
        status: 'fail',
        failure: 'y',
        durationMs: 1,
      },
      {
        additions: ['file app/auth.py', 'env FEATURE_AUTH'],
        outcome: 'fail',
        status: 'fail',
        failure: 'missing-module (jwt)',
        durationMs: 1,
      },
    ],
    diagnosis: null,
    durationMs: 12_300,
  };

  it('names the 1-minimal set of additions and lists every probe with its outcome', () => {
    const text = renderBisect({ ...found, deep });
    expect(text).toContain(
      [
        'deep bisect inside auth, on top of redis: 3 probes of 3 additions in 12.3 s',
        '  auth fails because of: file app/auth.py + env FEATURE_AUTH',
        '  1-minimal: leave out any one of them and missing-module (jwt) no longer shows',
        `  probes (${MARK.fail} the same failure · ${MARK.pass} pass · ? another failure):`,
        '     1 ? (none)  [unclassified at check: x]',
        '     2 ? apt python3-passlib  [y]',
        `     3 ${MARK.fail} file app/auth.py, env FEATURE_AUTH`,
      ].join('\n'),
    );
  });

  it('says why it did not search', () => {
    const text = renderBisect({ ...found, deep: { ...deep, minimal: null, skipped: 'no phase failed' } });
    expect(text).toContain('deep bisect: not run, no phase failed.');
  });

  it('says when the layer fails with none of its additions', () => {
    const text = renderBisect({ ...found, deep: { ...deep, minimal: [] } });
    expect(text).toContain(
      '  auth fails with none of its additions: its own checks fail on top of redis (missing-module (jwt))',
    );
  });
});

describe('log lines in terminal reports', () => {
  it("leaves out Python's import machinery frames and caret markers, keeping the app's own lines", () => {
    const lines = [
      '  File "/app/app/main.py", line 21, in <module>',
      '           ~~~~~~~~~~~~~~~~~~~~~~^^^^^^',
      '  File "<frozen importlib._bootstrap>", line 1387, in _gcd_import',
      '  File "/app/app/auth.py", line 5, in <module>',
      '    import jwt',
      "ModuleNotFoundError: No module named 'jwt'",
    ];
    expect(readableLog(lines, 10)).toEqual([lines[0], lines[3], lines[4], lines[5]]);
    expect(readableLog(lines, 2)).toEqual([lines[4], lines[5]]);
  });
});
