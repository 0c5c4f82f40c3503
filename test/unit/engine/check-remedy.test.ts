// checkRemedy over a FakeDriver: the image is asked whether the suite has the Debian package a remedy
// proposes, once per runtime and package within a run, before the verdict is reported.
import { describe, expect, it } from 'vitest';
import { checkRemedy } from '../../../src/engine/check-remedy.js';
import { runCell } from '../../../src/engine/run-cell.js';
import { withRunSession } from '../../../src/engine/run-session.js';
import type { ContainerLaunch } from '../../../src/drivers/driver.js';
import type { Verdict } from '../../../src/model.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeDriver, type PhaseScript } from '../../support/fake-driver.js';
import { check, layer, planOf } from '../../support/plan-builder.js';
import { loadEvidence } from '../diagnose/load-evidence.js';

const PLAN = planOf([layer('health', { apt: ['python3-fastapi'], checks: [check.log('startup complete')] })]);

/** The app dies importing `module`; the image's apt answers from the captured `policy` output. */
function phases(module: string, policy: string): Record<string, PhaseScript> {
  return {
    health: {
      app: {
        logs: ['Traceback (most recent call last):', `ModuleNotFoundError: No module named '${module}'`],
        exit: { code: 1, afterMs: 30 },
      },
    },
    'apt-lookup': { runOnce: () => ({ output: loadEvidence(policy) }) },
  };
}

async function verdicts(script: Record<string, PhaseScript>, times = 1) {
  const clock = new FakeClock();
  const driver = new FakeDriver({ clock, phases: script });
  const session = driver.session();
  const cell = {
    project: { ...PLAN, images: 'local' as const },
    phase: PLAN.phases[0]!,
    runtime: PLAN.defaultRuntime,
  };
  const results = await withRunSession(session, async (context) => {
    const out: Verdict[] = [];
    for (let i = 0; i < times; i++) out.push(await checkRemedy(await runCell(cell, context), cell, context));
    return out;
  });
  const lookups: ContainerLaunch[] = driver.cells
    .filter((c) => c.phase === 'apt-lookup')
    .flatMap((c) => c.oneShots);
  return { results, lookups, driver };
}

describe('checkRemedy', () => {
  it('keeps a Debian package the image has, asking apt-cache in the cell image', async () => {
    const { results, lookups, driver } = await verdicts(phases('jwt', 'apt-cache-policy-exists'));
    const diagnosis = results[0]!.diagnosis!;
    expect(diagnosis.remedy).toContain('Add `python3-jwt` under `apt:`');
    expect(diagnosis.packages).toEqual({ apt: 'python3-jwt', aptCheck: 'exists', pip: 'PyJWT' });
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toMatchObject({
      image: 'fake/shop:health',
      command: ['sh', '-c', 'apt-cache policy; apt-cache policy "$1"', 'sh', 'python3-jwt'],
    });
    expect(driver.leftovers()).toEqual([]);
  });

  it('names the pip package only when the suite has no such Debian package', async () => {
    const { results } = await verdicts(phases('langchain_openai', 'apt-cache-policy-missing'));
    const diagnosis = results[0]!.diagnosis!;
    expect(diagnosis.remedy).not.toContain('under `apt:`');
    expect(diagnosis.remedy).toContain('Add `langchain_openai` under `pip:`');
    expect(diagnosis.packages?.aptCheck).toBe('missing');
  });

  it('asks once per runtime and package within a run, whichever phase image fails', async () => {
    const plan = planOf([
      layer('health', { apt: ['python3-fastapi'], checks: [check.log('startup complete')] }),
      layer('auth', { apt: ['python3-bcrypt'] }),
    ]);
    const crash = phases('jwt', 'apt-cache-policy-exists');
    const driver = new FakeDriver({ clock: new FakeClock(), phases: { ...crash, auth: crash.health! } });
    const results = await withRunSession(driver.session(), async (context) => {
      const out: Verdict[] = [];
      for (const phase of plan.phases) {
        const cell = { project: { ...plan, images: 'local' as const }, phase, runtime: plan.defaultRuntime };
        out.push(await checkRemedy(await runCell(cell, context), cell, context));
      }
      return out;
    });
    expect(results.map((v) => [v.phase, v.diagnosis?.packages?.aptCheck])).toEqual([
      ['health', 'exists'],
      ['auth', 'exists'],
    ]);
    const lookups = driver.cells.filter((c) => c.phase === 'apt-lookup').flatMap((c) => c.oneShots);
    expect(lookups.map((l) => l.image)).toEqual(['fake/shop:health']);
  });

  it('asks once per image and package within a run', async () => {
    const { results, lookups } = await verdicts(phases('jwt', 'apt-cache-policy-exists'), 3);
    expect(results.map((v) => v.diagnosis?.packages?.aptCheck)).toEqual(['exists', 'exists', 'exists']);
    expect(lookups).toHaveLength(1);
  });

  it('leaves a verdict without a Debian proposal alone, asking nothing', async () => {
    const script: Record<string, PhaseScript> = { health: { app: { logs: ['startup complete'] } } };
    const { results, lookups } = await verdicts(script);
    expect(results[0]!.status).toBe('pass');
    expect(lookups).toEqual([]);
  });
});
