// runBisect over a FakeDriver: the culprit, what it added, the probes it took and the phases it could not test.
import { describe, expect, it } from 'vitest';
import { runBisect } from '../../../src/engine/run-bisect.js';
import { withRunSession } from '../../../src/engine/run-session.js';
import type { BisectReport } from '../../../src/model.js';
import { FakeClock } from '../../support/fake-clock.js';
import { fakeSession } from '../../support/fake-session.js';
import { FakeDriver, type PhaseScript } from '../../support/fake-driver.js';
import { check, layer, planOf } from '../../support/plan-builder.js';

const PLAN = planOf([
  layer('health', { apt: ['python3-fastapi'], checks: [check.log('startup complete')] }),
  layer('db', {
    apt: ['python3-sqlalchemy'],
    env: { FEATURE_DB: '1' },
    checks: [check.log('database ready')],
  }),
  layer('redis', {
    apt: ['python3-redis'],
    pip: ['redis-om>=0.3'],
    env: { FEATURE_DB: '2', REDIS_URL: 'redis://cache:6379/0' },
    secrets: ['REDIS_TOKEN'],
    start: 'python3 -m app --cache',
    checks: [check.log('cache ready'), check.exec('python3 -c "import app.cache"')],
  }),
  layer('auth', { apt: ['python3-jwt'], checks: [check.log('auth ready')] }),
  layer('llm', { apt: ['python3-openai'], checks: [check.log('llm ready')] }),
]);

const ALL_READY = ['startup complete', 'database ready', 'cache ready', 'auth ready', 'llm ready'];
const works: PhaseScript = { app: { logs: ALL_READY } };
/** The app gets as far as its database, then dies importing its cache client. */
const crashes: PhaseScript = {
  app: {
    logs: [
      'startup complete',
      'database ready',
      'Traceback (most recent call last):',
      "ModuleNotFoundError: No module named 'redis_om'",
    ],
    exit: { code: 1, afterMs: 50 },
  },
};
const ALL_WORK = { health: works, db: works, redis: works, auth: works, llm: works };

async function bisect(phases: Record<string, PhaseScript>) {
  const clock = new FakeClock();
  const driver = new FakeDriver({ clock, phases });
  const probed: string[] = [];
  const report: BisectReport = await withRunSession(fakeSession(driver), (context) =>
    runBisect(PLAN, PLAN.runtime, context, {
      clock,
      onProbe: (phase, n) => probed.push(`${n}: ${phase.name}`),
    }),
  );
  return { report, driver, probed };
}

describe('runBisect', () => {
  it('names the first failing phase, the last good one and what the culprit added', async () => {
    const { report } = await bisect({
      health: works,
      db: works,
      redis: crashes,
      auth: crashes,
      llm: crashes,
    });
    expect(report.culprit).toEqual({ phase: 'redis', index: 3, file: 'phases/30-redis.yaml' });
    expect(report.lastGood).toEqual({ phase: 'db', index: 2 });
    expect(report.added).toEqual({
      apt: ['python3-redis'],
      pip: ['redis-om>=0.3'],
      requirements: [],
      npm: {},
      files: [],
      envNames: ['FEATURE_DB', 'REDIS_URL'],
      secrets: ['REDIS_TOKEN'],
      services: [],
      checks: ['log "cache ready"', 'exec python3 -c "import app.cache"'],
      start: { from: 'python3 -m app', to: 'python3 -m app --cache' },
    });
    expect(report.diagnosis).toMatchObject({ class: 'missing-module', subject: 'redis_om' });
    expect(report.failedCheck).toMatchObject({ label: 'log "cache ready"', status: 'fail' });
    expect(report.logTail.slice(-2)).toEqual([
      'Traceback (most recent call last):',
      "ModuleNotFoundError: No module named 'redis_om'",
    ]);
  });

  it('probes the middle first and needs two probes of five phases for this culprit', async () => {
    const { report, probed } = await bisect({
      health: works,
      db: works,
      redis: crashes,
      auth: crashes,
      llm: crashes,
    });
    expect(report.probes).toBe(2);
    expect(probed).toEqual(['1: redis', '2: db']);
    expect(report.probeOrder.map((p) => `${p.phase} ${p.status}`)).toEqual(['redis fail', 'db pass']);
    expect(report.verdicts.map((v) => v.phase)).toEqual(['redis', 'db']);
    expect(report.phases.map((p) => p.file)).toEqual([
      'phases/10-health.yaml',
      'phases/20-db.yaml',
      'phases/30-redis.yaml',
      'phases/40-auth.yaml',
      'phases/50-llm.yaml',
    ]);
    expect(report).toMatchObject({
      project: 'shop',
      runtime: 'python@3.11',
      untested: [],
      anomalies: [],
      inconclusive: false,
    });
  });

  it('never runs a phase twice, and releases every cell and the run', async () => {
    const unbuildable: PhaseScript = { build: { fail: 'apt-get install returned 100' } };
    const { driver, report } = await bisect({
      health: works,
      db: unbuildable,
      redis: unbuildable,
      auth: unbuildable,
      llm: unbuildable,
    });
    expect(report.culprit.phase).toBe('db');
    expect(driver.built).toEqual(['redis', 'db', 'health']);
    expect(new Set(driver.built).size).toBe(driver.built.length);
    expect(driver.leftovers()).toEqual([]);
  });

  it('reports every phase passing with the last as last good and nothing added', async () => {
    const { report } = await bisect(ALL_WORK);
    expect(report.culprit).toEqual({ phase: null, index: null, file: null });
    expect(report.lastGood).toEqual({ phase: 'llm', index: 5 });
    expect(report.added).toBeNull();
    expect(report.failedCheck).toBeNull();
    expect(report.diagnosis).toBeNull();
  });

  it('routes around a phase it cannot test and lists it among the possible culprits', async () => {
    const { report } = await bisect({
      health: works,
      db: { image: 'infra' },
      redis: crashes,
      auth: crashes,
      llm: crashes,
    });
    expect(report.untested).toEqual(['db']);
    expect(report.culprit.phase).toBe('redis');
    expect(report.lastGood.phase).toBe('health');
    expect(report.possibleCulprits).toEqual(['db', 'redis']);
    expect(report.probeOrder.map((p) => `${p.phase} ${p.status}`)).toEqual([
      'redis fail',
      'db error',
      'health pass',
    ]);
  });

  it('is inconclusive when no phase can be tested', async () => {
    const broken: PhaseScript = { image: 'infra' };
    const { report } = await bisect({ health: broken, db: broken, redis: broken, auth: broken, llm: broken });
    expect(report.inconclusive).toBe(true);
    expect(report.culprit.phase).toBeNull();
    expect(report.lastGood.phase).toBeNull();
    expect(report.untested).toEqual(['health', 'db', 'redis', 'auth', 'llm']);
    expect(report.probes).toBe(5);
  });

  it('measures its duration on the injected clock', async () => {
    const { report } = await bisect({
      health: works,
      db: works,
      redis: crashes,
      auth: crashes,
      llm: crashes,
    });
    // Only the crashing probe takes fake time: its app lives 50 ms, and its checks poll in steps of 20 ms
    // and more. Real time would be a few milliseconds.
    expect(report.durationMs).toBeGreaterThanOrEqual(50);
    expect(report.durationMs).toBeLessThan(1000);
  });
});
