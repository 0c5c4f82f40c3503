// A passing cell leaves its snapshot: what its containers reported (runtime, packages, services), its
// env by source, its checks; a failing cell leaves none and runs no probe. No secret value is in it.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/engine/events.js';
import { runCell } from '../../../src/engine/run-cell.js';
import { withRunSession } from '../../../src/engine/run-session.js';
import type { SnapshotSink } from '../../../src/engine/snapshot-sink.js';
import type { Snapshot } from '../../../src/snapshots/snapshot.js';
import type { Plan, Verdict } from '../../../src/model.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeDriver, type PhaseScript } from '../../support/fake-driver.js';
import { check, layer, planOf, postgres } from '../../support/plan-builder.js';

const PLAN = planOf([
  layer('health', {
    apt: ['python3-fastapi', 'python3-uvicorn'],
    checks: [check.log('startup complete')],
  }),
  layer('db', {
    apt: ['python3-sqlalchemy'],
    services: [postgres('db')],
    env: { DATABASE_URL: '${services.postgres.url}', FEATURE_DB: '1', JWT_SECRET: '${random.secret}' },
    secrets: ['STRIPE_API_KEY'],
    checks: [check.log('database ready')],
  }),
]);

const FACTS_OUTPUT = [
  '@@stagebisect:runtime',
  'Python 3.11.2',
  '@@stagebisect:apt',
  'python3-fastapi\t0.92.0-1',
  'python3-sqlalchemy\t1.4.46+ds1-1',
  'python3-uvicorn\t0.17.6-1',
  '@@stagebisect:python',
  'fastapi==0.92.0\tdebian',
  'requests==2.32.3\tpip',
  '',
].join('\n');

const STRIPE = 'sk_live_never_written_1234';

/** An app that reports STRIPE_API_KEY's value wherever it can: a snapshot must not keep it. */
const HEALTHY: PhaseScript = {
  app: {
    logs: ['startup complete', 'database ready'],
    exec: (argv, env) =>
      argv[0] === 'sh' ? { output: `${FACTS_OUTPUT}leaked==${env.STRIPE_API_KEY ?? ''}\tpip\n` } : {},
  },
  services: {
    postgres: {
      exec: (argv) =>
        argv[0] === 'postgres'
          ? { output: 'postgres (PostgreSQL) 17.12 (Debian 17.12-0+deb13u1)\n' }
          : { output: '1\n' },
    },
  },
};

async function run(
  phaseName: string,
  phases: Record<string, PhaseScript>,
  plan: Plan = PLAN,
): Promise<{ verdict: Verdict; kept: Snapshot[]; driver: FakeDriver; events: RunEvent[] }> {
  const clock = new FakeClock();
  const driver = new FakeDriver({ clock, phases });
  const kept: Snapshot[] = [];
  const events: RunEvent[] = [];
  const snapshots: SnapshotSink = {
    put: async (snapshot) => {
      kept.push(snapshot);
      return { missed: [] };
    },
    get: async (phase, runtime) => kept.filter((s) => s.phase.name === phase && s.runtime === runtime).pop(),
  };

  const phase = plan.phases.find((p) => p.name === phaseName)!;
  const verdict = await withRunSession(
    {
      driver,
      images: driver.imageProvider(),
      host: { ...driver.hostInputs(), gitState: async () => ({ commit: 'abc123', dirty: true }) },
      project: 'shop',
      clock,
      signal: new AbortController().signal,
      emit: (event) => events.push(event),
      hostEnv: { STRIPE_API_KEY: STRIPE },
      snapshots,
    },
    (context) => runCell({ project: plan, phase, runtime: plan.defaultRuntime }, context),
  );
  return { verdict, kept, driver, events };
}

describe('snapshots of passing cells', () => {
  it('records what the containers reported, the env by source, and the checks', async () => {
    const { verdict, kept } = await run('db', { db: HEALTHY });
    expect(verdict.status).toBe('pass');
    expect(kept.map((s) => s.phase.name)).toEqual(['db', 'health']);
    const snapshot = kept[0]!;
    expect(snapshot).toMatchObject({
      schemaVersion: 1,
      project: 'shop',
      phase: { name: 'db', index: 2 },
      runtime: 'python@3.11',
      key: verdict.key,
      runId: verdict.runId,
      date: verdict.startedAt,
      git: { commit: 'abc123', dirty: true },
      runtimeVersion: { reported: 'Python 3.11.2', version: '3.11.2' },
      runtimeImage: { ref: 'fake/python:3.11', id: 'sha256:fake/python:3.11' },
      start: 'python3 -m app',
      port: 8000,
      notes: [],
    });
    expect(snapshot.packages.apt).toEqual([
      { name: 'python3-fastapi', version: '0.92.0-1' },
      { name: 'python3-sqlalchemy', version: '1.4.46+ds1-1' },
      { name: 'python3-uvicorn', version: '0.17.6-1' },
    ]);
    expect(snapshot.packages.python).toContainEqual({
      name: 'requests',
      version: '2.32.3',
      installer: 'pip',
    });
    expect(snapshot.services).toEqual([
      {
        name: 'postgres',
        kind: 'postgres',
        image: { ref: 'fake/postgres:latest', id: 'sha256:fake-postgres' },
        version: '17.12',
        port: 5432,
      },
    ]);
    expect(snapshot.env).toEqual([
      {
        name: 'DATABASE_URL',
        layer: 'db',
        source: 'service',
        secret: false,
        value: '${services.postgres.url}',
        service: { name: 'postgres', kind: 'postgres', attribute: 'url' },
        byHand: false,
      },
      { name: 'FEATURE_DB', layer: 'db', source: 'literal', secret: false, value: '1', byHand: false },
      {
        name: 'JWT_SECRET',
        layer: 'db',
        source: 'random',
        secret: true,
        value: '${random.secret}',
        byHand: false,
      },
      { name: 'STRIPE_API_KEY', layer: 'db', source: 'secret', secret: true, byHand: true },
    ]);
    expect(snapshot.checks.map((c) => [c.label, c.phase, c.status])).toEqual([
      ['log "startup complete"', 'health', 'pass'],
      ['log "database ready"', 'db', 'pass'],
    ]);
    expect(snapshot.dockerfile).toContain('RUN stagebisect-apt-install python3-sqlalchemy');
  });

  it('keeps one for each layer below, proven inside the passing image, with its own recipe and checks', async () => {
    const { kept } = await run('db', { db: HEALTHY });
    const [db, health] = kept;
    expect(health).toMatchObject({
      phase: { name: 'health', index: 1 },
      provenBy: { phase: 'db', index: 2, key: db!.key },
      runtimeVersion: { reported: 'Python 3.11.2', version: '3.11.2' },
      services: [],
    });
    expect(health!.key).not.toBe(db!.key);
    expect(health!.dockerfile).not.toContain('python3-sqlalchemy');
    expect(health!.packages.apt.map((p) => p.name)).toEqual(['python3-fastapi', 'python3-uvicorn']);
    expect(health!.checks.map((c) => c.phase)).toEqual(['health']);
    expect(health!.env).toEqual([]);
  });

  it('never holds the value of a secret, even one the app printed into what was read', async () => {
    const { kept } = await run('db', { db: HEALTHY });
    const text = JSON.stringify(kept);
    expect(text).not.toContain(STRIPE);
    expect(kept[0]!.packages.python).toContainEqual({ name: 'leaked', version: '***', installer: 'pip' });
  });

  it('asks the running containers, before they are removed', async () => {
    const { driver } = await run('db', { db: HEALTHY });
    const app = driver.containers.find((c) => c.launch.role === 'app')!;
    expect(app.execs.map((argv) => argv.slice(0, 2))).toEqual([['sh', '-c']]);
    expect(app.execs[0]!.slice(-3)).toEqual(['python3-fastapi', 'python3-sqlalchemy', 'python3-uvicorn']);
  });

  it('takes none, and probes nothing, for a failing cell', async () => {
    const { verdict, kept, driver } = await run('db', {
      db: { ...HEALTHY, app: { ...HEALTHY.app, logs: ['startup complete'] } },
    });
    expect(verdict.status).toBe('fail');
    expect(kept).toEqual([]);
    const app = driver.containers.find((c) => c.launch.role === 'app')!;
    expect(app.execs).toEqual([]);
  });

  it('passes with a note when the image cannot say its versions', async () => {
    const { verdict, kept } = await run('health', {
      health: {
        app: { logs: ['startup complete'], exec: () => ({ exitCode: 127, output: 'sh: not found' }) },
      },
    });
    expect(verdict.status).toBe('pass');
    expect(kept[0]!.notes).toEqual([
      "the app image's versions could not be read (exited 127: sh: not found)",
    ]);
    expect(kept[0]!.runtimeVersion).toBeNull();
  });
});
