// A phase's release command (`release:`) over a FakeDriver: run once, in a fresh container of the app's
// image with the phase's env, after its services are ready and before the app starts; its failure is the
// phase's verdict, with its own log, and the app never starts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runPhase, stepEnds } from '../../support/cell-harness.js';
import type { PhaseScript } from '../../support/fake-driver.js';
import { check, layer, planOf, postgres } from '../../support/plan-builder.js';

const PLAN = planOf(
  [
    layer('health', { start: 'node dist/main.js', checks: [check.log('listening')] }),
    layer('db', {
      npm: { pg: '8.23.1' },
      services: [postgres('db')],
      env: { DATABASE_URL: '${services.postgres.url}' },
      release: 'npm run migrate',
      checks: [check.log('database ready')],
    }),
  ],
  { stack: 'node', defaultRuntime: { language: 'node', version: '22' } },
);

const HEALTHY: PhaseScript = { app: { logs: ['listening', 'database ready'] } };

/** What node printed when the migration script could not load pg (captured evidence). */
const MISSING_PG = readFileSync(
  new URL('../diagnose/evidence/node-cannot-find-module.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .slice(1)
  .join('\n')
  .replaceAll("'express'", "'pg'");

describe('the release stage', () => {
  it('runs once after the services are ready and before the app starts, with the phase env', async () => {
    const { verdict, driver, events } = await runPhase(PLAN, 'db', { db: HEALTHY });
    expect(verdict.status).toBe('pass');
    expect(stepEnds(events)).toEqual([
      'image pass',
      'build pass',
      'service:postgres pass',
      'release pass',
      'start pass',
      'check:0 pass',
      'check:1 pass',
    ]);
    const [release, ...others] = driver.cells[0]!.oneShots;
    expect(others).toEqual([]);
    expect(release).toMatchObject({
      role: 'release',
      image: 'fake/shop:db',
      command: ['sh', '-c', 'npm run migrate'],
    });
    expect(release!.env.DATABASE_URL).toMatch(/^postgresql:\/\/stagebisect:[0-9a-f]+@postgres:5432\/app$/);
    expect(verdict.release).toMatchObject({ command: 'npm run migrate', exitCode: 0, timedOut: false });
    expect(verdict.timings.releaseMs).toBe(5);
  });

  it('is not run for a phase without one', async () => {
    const { verdict, driver, events } = await runPhase(PLAN, 'health', { health: HEALTHY });
    expect(verdict.release).toBeUndefined();
    expect(stepEnds(events)).not.toContain('release pass');
    expect(driver.cells[0]!.oneShots).toEqual([]);
  });

  it("fails the phase with the release's own log and diagnosis, and never starts the app", async () => {
    const { verdict, driver, events } = await runPhase(PLAN, 'db', {
      db: {
        ...HEALTHY,
        runOnce: () => ({ exitCode: 1, output: `\n> node-api@1.0.0 migrate\n${MISSING_PG}` }),
      },
    });
    expect(verdict.status).toBe('fail');
    expect(verdict.failure).toEqual({
      stage: 'release',
      message: 'the release command `npm run migrate` exited with code 1',
    });
    expect(verdict.release?.exitCode).toBe(1);
    expect(verdict.release?.outputTail).toContain("Error: Cannot find module 'pg'");
    expect(verdict.app).toBeUndefined();
    expect(verdict.diagnosis).toMatchObject({ class: 'missing-module', subject: 'pg' });
    expect(stepEnds(events)).toEqual(['image pass', 'build pass', 'service:postgres pass', 'release fail']);
    expect(driver.containers.map((c) => c.launch.role)).toEqual(['postgres']);
    expect(driver.leftovers()).toEqual([]);
  });

  it('fails the phase when the release does not finish in time', async () => {
    const { verdict } = await runPhase(PLAN, 'db', {
      db: { ...HEALTHY, runOnce: () => ({ exitCode: -1, timedOut: true, output: 'migrating…\n' }) },
    });
    expect(verdict.failure).toEqual({
      stage: 'release',
      message: 'the release command `npm run migrate` did not finish within 10 minutes',
    });
    expect(verdict.release).toMatchObject({ timedOut: true, outputTail: ['migrating…'] });
  });
});
