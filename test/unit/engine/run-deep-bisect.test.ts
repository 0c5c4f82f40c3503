// runDeepBisect over a FakeDriver: after bisect names the culprit, the additions that break it, in few
// probes; other failures count as unresolved; and it says why when it cannot search.
import { describe, expect, it } from 'vitest';
import type { ContainerLaunch } from '../../../src/drivers/driver.js';
import { runBisect } from '../../../src/engine/run-bisect.js';
import { runDeepBisect } from '../../../src/engine/run-deep-bisect.js';
import { withRunSession } from '../../../src/engine/run-session.js';
import type { BisectReport, DeepBisectReport, Layer } from '../../../src/model.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeDriver, type PhaseScript } from '../../support/fake-driver.js';
import { check, layer, planOf } from '../../support/plan-builder.js';

type Env = Readonly<Record<string, string>>;
const READY = ['startup complete', 'database ready', 'auth ready'];
const works: PhaseScript = { app: { logs: READY } };

function plan(auth: Partial<Omit<Layer, 'index' | 'name' | 'checks'>>) {
  return planOf([
    layer('health', { apt: ['python3-fastapi'], checks: [check.log('startup complete')] }),
    layer('db', { apt: ['python3-sqlalchemy'], checks: [check.log('database ready')] }),
    layer('auth', { ...auth, checks: [check.log('auth ready')] }),
  ]);
}

/** The app as `behave` says for its env and start command; it logs READY when `behave` returns nothing. */
function app(behave: (env: Env, start: string) => readonly string[] | undefined): PhaseScript {
  const start = (launch: ContainerLaunch): string => launch.command?.[2] ?? '';
  return {
    app: {
      logs: (env, launch) => behave(env, start(launch)) ?? READY,
      exitWhen: (env, launch) => {
        const crash = behave(env, start(launch));
        // A shell exits 127 when the command is not found, as sh does.
        if (!crash) return undefined;
        return { code: crash.some((l) => l.endsWith(': not found')) ? 127 : 1, afterMs: 30 };
      },
    },
  };
}

async function deepBisect(
  project: ReturnType<typeof plan>,
  auth: PhaseScript,
): Promise<{ report: BisectReport; deep: DeepBisectReport; driver: FakeDriver }> {
  const clock = new FakeClock();
  const driver = new FakeDriver({ clock, phases: { health: works, db: works, auth } });
  const session = driver.session();
  return withRunSession(session, async (context) => {
    const report = await runBisect(project, project.defaultRuntime, context, { clock });
    const deep = await runDeepBisect(project, project.defaultRuntime, report, context, { clock });
    return { report, deep, driver };
  });
}

describe('runDeepBisect', () => {
  it('names a changed start: as the one addition of four that breaks the layer, in at most 2·log2(4)+2 probes', async () => {
    const project = plan({
      apt: ['python3-jwt'],
      env: { JWT_SECRET: 's', LOG_FORMAT: 'json' },
      start: 'uvicorn app:app --workers 2',
    });
    const { report, deep, driver } = await deepBisect(
      project,
      app((_, start) => (start.startsWith('uvicorn ') ? ['sh: 1: uvicorn: not found'] : undefined)),
    );
    expect(report.culprit.phase).toBe('auth');
    expect(report.diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'uvicorn' });
    expect(deep.additions.map((a) => a.label)).toEqual([
      'apt python3-jwt',
      'env JWT_SECRET',
      'env LOG_FORMAT',
      'start: uvicorn app:app --workers 2',
    ]);
    expect(deep.minimal?.map((a) => a.label)).toEqual(['start: uvicorn app:app --workers 2']);
    expect(deep.failure).toBe('bad-start-command (uvicorn)');
    expect(deep.probes).toBeLessThanOrEqual(2 * Math.log2(4) + 2);
    expect(deep.probeOrder.map((p) => `${p.additions.join('+') || '(none)'}: ${p.outcome}`)).toEqual([
      '(none): pass',
      'apt python3-jwt+env JWT_SECRET: pass',
      'env LOG_FORMAT+start: uvicorn app:app --workers 2: fail',
      'env LOG_FORMAT: pass',
      'start: uvicorn app:app --workers 2: fail',
    ]);
    expect(deep.diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'uvicorn' });
    expect(deep).toMatchObject({ phase: 'auth', base: 'db', probes: 5 });
    expect(driver.leftovers()).toEqual([]);
  });

  it('counts another failure as unresolved, and keeps the flag with the module it loads', async () => {
    // FEATURE_AUTH loads the auth code, whose path AUTH_MODULE names; the code needs jwt, never installed.
    const project = plan({
      apt: ['python3-passlib'],
      env: { FEATURE_AUTH: '1', AUTH_MODULE: 'app.auth', JWT_SECRET: 's' },
    });
    const { deep } = await deepBisect(
      project,
      app((env) => {
        if (env.FEATURE_AUTH !== '1') return ['startup complete', 'database ready'];
        if (env.AUTH_MODULE === undefined) return ["ModuleNotFoundError: No module named 'None'"];
        return ['Traceback (most recent call last):', "ModuleNotFoundError: No module named 'jwt'"];
      }),
    );
    expect(deep.failure).toBe('missing-module (jwt)');
    expect(deep.minimal?.map((a) => a.label)).toEqual(['env FEATURE_AUTH', 'env AUTH_MODULE']);
    const outcomes = new Set(deep.probeOrder.map((p) => p.outcome));
    expect(outcomes).toEqual(new Set(['unresolved', 'fail']));
    const none = deep.probeOrder[0]!;
    expect(none).toMatchObject({ additions: [], outcome: 'unresolved', status: 'fail' });
    expect(none.failure).toBe('unclassified at check: log "auth ready"');
  });

  it('says why it cannot search when nothing failed', async () => {
    const project = plan({ env: { FEATURE_AUTH: '1' } });
    const { deep } = await deepBisect(project, works);
    expect(deep).toMatchObject({
      minimal: null,
      probes: 0,
      skipped: 'no phase failed, so there is no layer to search',
    });
  });
});
