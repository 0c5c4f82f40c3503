// runCell over a FakeDriver: a verdict for every way a cell can go, and nothing left behind on any of them.
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../../src/errors.js';
import type { ServiceSpec } from '../../../src/model.js';
import { harness as cellHarness, runPhase as runCellPhase, stepEnds } from '../../support/cell-harness.js';
import type { PhaseScript } from '../../support/fake-driver.js';
import { check, layer, planOf, postgres } from '../../support/plan-builder.js';

const PLAN = planOf([
  layer('health', {
    apt: ['python3-fastapi'],
    checks: [check.log('startup complete'), check.exec('python3 -c "import app"'), check.log('health ok')],
  }),
  layer('db', {
    apt: ['python3-psycopg2'],
    services: [postgres('db')],
    env: { DATABASE_URL: '${services.postgres.url}' },
    checks: [check.log('database ready')],
  }),
]);

const HEALTHY: PhaseScript = { app: { logs: ['startup complete', 'health ok', 'database ready'] } };

const harness = (phases: Record<string, PhaseScript>) => cellHarness(PLAN, phases);
const runPhase = (
  phaseName: string,
  phases: Record<string, PhaseScript>,
  options?: Parameters<typeof runCellPhase>[3],
) => runCellPhase(PLAN, phaseName, phases, options);

describe('runCell', () => {
  it('passes a phase whose app prints what its checks expect, and releases its cell and its run', async () => {
    const { verdict, driver, events } = await runPhase('health', { health: HEALTHY });
    expect(verdict).toMatchObject({ phase: 'health', phaseIndex: 1, runtime: 'python@3.11', status: 'pass' });
    expect(verdict.checks.map((c) => `${c.label}: ${c.status}`)).toEqual([
      'log "startup complete": pass',
      'exec python3 -c "import app": pass',
      'log "health ok": pass',
    ]);
    expect(verdict.failure).toBeUndefined();
    expect(verdict.diagnosis).toBeUndefined();
    expect(verdict.build?.image).toBe('fake/shop:health');
    expect(stepEnds(events)).toEqual([
      'image pass',
      'build pass',
      'start pass',
      'check:0 pass',
      'check:1 pass',
      'check:2 pass',
    ]);
    expect(driver.cells).toHaveLength(1);
    expect(driver.leftovers()).toEqual([]);
  });

  it('starts the app with the phase start command and its env, PORT included', async () => {
    const { driver } = await runPhase('db', { db: HEALTHY });
    const app = driver.containers.find((c) => c.launch.role === 'app')!;
    expect(app.launch.command).toEqual(['sh', '-c', 'python3 -m app']);
    expect(app.launch.env.PORT).toBe('8000');
    expect(app.launch.env.DATABASE_URL).toMatch(
      /^postgresql:\/\/stagebisect:[0-9a-f]{24}@postgres:5432\/app$/,
    );
  });

  it("fails at the build stage with the build's output and a diagnosis naming the missing package", async () => {
    const { verdict, driver } = await runPhase('db', {
      db: {
        build: { fail: "The command '/bin/sh -c stagebisect-apt-install python3-psycopg2' returned 100" },
        buildOutput: [
          'Step 5/9 : RUN stagebisect-apt-install python3-psycopg2',
          'E: Unable to locate package python3-psycopg2',
        ],
      },
    });
    expect(verdict.status).toBe('fail');
    expect(verdict.failure).toEqual({
      stage: 'build',
      message:
        "the image did not build: The command '/bin/sh -c stagebisect-apt-install python3-psycopg2' returned 100",
    });
    expect(verdict.build?.outputTail).toEqual([
      'Step 5/9 : RUN stagebisect-apt-install python3-psycopg2',
      'E: Unable to locate package python3-psycopg2',
    ]);
    expect(verdict.diagnosis).toMatchObject({ class: 'package-unavailable', subject: 'python3-psycopg2' });
    expect(verdict.checks).toEqual([]);
    expect(driver.containers).toEqual([]);
    expect(driver.leftovers()).toEqual([]);
  });

  it('marks the cell untestable, with the infrastructure fault and no diagnosis, when its image cannot be had', async () => {
    const { verdict, driver, events } = await runPhase('health', { health: { image: 'infra' } });
    expect(verdict.status).toBe('error');
    expect(verdict.infra).toEqual({
      code: 'image-unavailable',
      message: 'no image for python@3.11',
      remedy: 'run `stagebisect images build`',
    });
    expect(verdict.diagnosis).toBeUndefined();
    expect(verdict.failure).toBeUndefined();
    expect(driver.built).toEqual([]);
    expect(stepEnds(events)).toEqual(['image error']);
    expect(driver.leftovers()).toEqual([]);
  });

  it('marks the cell untestable when the engine fails during the build', async () => {
    const { verdict, driver, events } = await runPhase('health', { health: { build: 'infra' } });
    expect(verdict.status).toBe('error');
    expect(verdict.infra?.code).toBe('disk-full');
    expect(verdict.diagnosis).toBeUndefined();
    expect(stepEnds(events)).toEqual(['image pass', 'build error']);
    expect(driver.leftovers()).toEqual([]);
  });

  it("marks the cell untestable when the engine cannot start the app, and still removes the phase's services", async () => {
    const { verdict, driver } = await runPhase('db', { db: { start: 'infra' } });
    expect(verdict.status).toBe('error');
    expect(verdict.infra?.code).toBe('engine-error');
    expect(driver.containers.map((c) => c.launch.role)).toEqual(['postgres']);
    expect(driver.leftovers()).toEqual([]);
  });

  it('reports the first failing check and marks the checks after it skipped', async () => {
    const { verdict, driver } = await runPhase('health', {
      health: {
        app: {
          logs: ['startup complete'],
          exec: () => ({ exitCode: 1, output: "ModuleNotFoundError: No module named 'jwt'\n" }),
        },
      },
    });
    expect(verdict.status).toBe('fail');
    expect(verdict.checks.map((c) => c.status)).toEqual(['pass', 'fail', 'skipped']);
    expect(verdict.checks[2]).toMatchObject({ message: 'not run: an earlier check failed', durationMs: 0 });
    expect(verdict.checks[1]!.evidence).toMatchObject({ exitCode: 1 });
    expect(verdict.failure).toEqual({
      stage: 'check',
      message: 'exec python3 -c "import app" (from phase health): exited with 1, expected 0',
    });
    expect(verdict.diagnosis).toMatchObject({ class: 'missing-module', subject: 'jwt' });
    expect(driver.leftovers()).toEqual([]);
  });

  it('fails at once, with the exit code, when the app exits while a check waits for it', async () => {
    const { verdict, clock } = await runPhase('health', {
      health: {
        app: {
          logs: ['Traceback (most recent call last):', "ModuleNotFoundError: No module named 'fastapi'"],
          exit: { code: 1, afterMs: 300 },
        },
      },
    });
    expect(verdict.status).toBe('fail');
    expect(verdict.checks.map((c) => c.status)).toEqual(['fail', 'skipped', 'skipped']);
    expect(verdict.checks[0]).toMatchObject({
      message: 'the app exited with code 1 while this check ran',
      evidence: { exitCode: 1, oomKilled: false },
    });
    expect(verdict.app?.exit).toEqual({ code: 1, oomKilled: false });
    expect(verdict.app?.logTail).toContain("ModuleNotFoundError: No module named 'fastapi'");
    expect(verdict.diagnosis).toMatchObject({ class: 'missing-module', subject: 'fastapi' });
    // The log check may wait 20 s; the app's exit after 300 ms ends the wait.
    expect(clock.now()).toBeLessThan(1000);
  });

  it('fails a cell whose app exits although every check passed: a service must keep running', async () => {
    const plan = planOf([layer('worker', { checks: [check.import('app.main')] })]);
    const { verdict } = await runPhase(
      'worker',
      { worker: { app: { exit: { code: 0, afterMs: 0 } } } },
      { plan },
    );
    expect(verdict.status).toBe('fail');
    expect(verdict.checks.map((c) => c.status)).toEqual(['pass']);
    expect(verdict.failure).toEqual({
      stage: 'check',
      message: 'the app exited with code 0 while its checks ran; a service must keep running',
    });
  });

  it('marks the cell untestable when a built-in service never becomes ready', async () => {
    const { verdict, driver } = await runPhase('db', {
      db: {
        services: { postgres: { exec: () => ({ exitCode: 2, output: 'psql: error: connection refused' }) } },
      },
    });
    expect(verdict.status).toBe('error');
    expect(verdict.infra?.message).toBe(
      'service postgres (fake/postgres:latest) was not ready within 60 s (last probe: psql: error: connection refused)',
    );
    expect(driver.containers.map((c) => c.launch.role)).toEqual(['postgres']);
    expect(driver.leftovers()).toEqual([]);
  });

  it("fails at the service stage, without starting the app, when the project's own service exits", async () => {
    const queue: ServiceSpec = {
      name: 'queue',
      kind: 'custom',
      image: 'rabbitmq:3',
      port: 5672,
      env: {},
      ready: { kind: 'log', text: 'Server startup complete' },
      phase: 'jobs',
      position: { file: 'phases/10-jobs.yaml', line: 3, column: 3 },
    };
    const plan = planOf([layer('jobs', { services: [queue], checks: [check.log('ready')] })]);
    const { verdict, driver } = await runPhase(
      'jobs',
      {
        jobs: { services: { queue: { logs: ['config file not found'], exit: { code: 78, afterMs: 200 } } } },
      },
      { plan },
    );
    expect(verdict.status).toBe('fail');
    expect(verdict.failure?.stage).toBe('service');
    expect(verdict.failure?.message).toBe(
      'service queue (fake/custom:latest) exited with code 78 before it was ready; its log ends:\nconfig file not found',
    );
    expect(driver.containers.map((c) => c.launch.role)).toEqual(['queue']);
    expect(driver.leftovers()).toEqual([]);
  });

  it('warns that a declared secret is missing on this host and starts the app without it', async () => {
    const plan = planOf([layer('llm', { secrets: ['OPENAI_API_KEY'], checks: [check.log('ready')] })]);
    const { verdict, events, driver } = await runPhase(
      'llm',
      { llm: { app: { logs: ['ready'] } } },
      { plan },
    );
    const warning = 'secret OPENAI_API_KEY is not set in this environment; the app starts without it';
    expect(verdict.status).toBe('pass');
    expect(verdict.warnings).toEqual([warning]);
    expect(events).toContainEqual({ type: 'warning', message: warning });
    expect(driver.containers[0]!.launch.env).not.toHaveProperty('OPENAI_API_KEY');
  });

  describe('when aborted', () => {
    it('rejects with InterruptedError during a build and still releases the cell and the run', async () => {
      const controller = new AbortController();
      const { driver, run } = harness({ health: { build: 'hang' } });
      const running = run('health', {
        controller,
        onEvent: (event) => {
          if (event.type === 'step-start' && event.step === 'build') controller.abort();
        },
      });
      await expect(running).rejects.toBeInstanceOf(InterruptedError);
      expect(driver.cells).toHaveLength(1);
      expect(driver.leftovers()).toEqual([]);
    });

    it('rejects with InterruptedError while a check waits, well before its timeout', async () => {
      const controller = new AbortController();
      const { driver, clock, run } = harness({ health: { app: { logs: [] } } });
      clock.at(1000, () => controller.abort());
      await expect(run('health', { controller })).rejects.toBeInstanceOf(InterruptedError);
      expect(clock.now()).toBeLessThan(2000);
      expect(driver.leftovers()).toEqual([]);
    });
  });

  describe('secrets', () => {
    const HOST_KEY = 'sk-host-7f3a9c1e5b2d4f60';
    const plan = planOf([
      layer('auth', {
        services: [postgres('auth')],
        env: { DATABASE_URL: '${services.postgres.url}', JWT_SECRET: '${random.secret}', FEATURE_AUTH: '1' },
        secrets: ['OPENAI_API_KEY'],
        checks: [check.log('startup complete'), check.exec('env')],
      }),
    ]);
    const leaky: PhaseScript = {
      app: {
        logs: (env) => [
          'startup complete',
          `connecting to ${env.DATABASE_URL}`,
          `signing with ${env.JWT_SECRET}`,
          `openai key ${env.OPENAI_API_KEY}`,
        ],
        exec: (_argv, env) => ({
          exitCode: 3,
          output: Object.entries(env)
            .map(([k, v]) => `${k}=${v}`)
            .join('\n'),
        }),
      },
    };

    it('never appear in the verdict or in any event, though the app prints every one of them', async () => {
      const { verdict, events, driver } = await runPhase(
        'auth',
        { auth: leaky },
        { plan, hostEnv: { OPENAI_API_KEY: HOST_KEY } },
      );
      const app = driver.containers.find((c) => c.launch.role === 'app')!;
      const db = driver.containers.find((c) => c.launch.role === 'postgres')!;
      const secrets = [HOST_KEY, app.launch.env.JWT_SECRET!, db.launch.env.POSTGRES_PASSWORD!];
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(8);
        expect(app.logs.text()).toContain(secret);
      }
      expect(verdict.status).toBe('fail');
      const reported = JSON.stringify(verdict) + JSON.stringify(events);
      for (const secret of secrets) expect(reported).not.toContain(secret);
      expect(verdict.app?.logTail).toContain(`openai key ***`);
      expect(verdict.app?.logTail).toContain('connecting to postgresql://stagebisect:***@postgres:5432/app');
      expect(verdict.checks[1]!.evidence.output).toContain('JWT_SECRET=***');
      expect(verdict.checks[1]!.evidence.output).toContain('FEATURE_AUTH=1');
    });
  });
});
