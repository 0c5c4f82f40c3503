// No remedy proposes a Debian package that does not exist: every diagnosis of the captured evidence, its
// Debian proposal checked by the engine in the real runtime image, then every package its remedy still
// names looked up again, independently, in that image's suite.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { DockerDriver } from '../../src/drivers/docker/docker-driver.js';
import { checkRemedy } from '../../src/engine/check-remedy.js';
import { withRunSession } from '../../src/engine/run-session.js';
import type { Diagnosis, Verdict } from '../../src/model.js';
import { systemClock } from '../../src/timing/clock.js';
import { missingFromSuite } from '../support/apt-packages.js';
import { labelledContainers } from '../support/engine-leftovers.js';
import { EVIDENCE_FIXTURES, evidenceInput } from '../support/evidence-corpus.js';
import { planOf, layer, check } from '../support/plan-builder.js';

const IMAGE = 'stagebisect/python:3.13';
const PLAN = planOf([layer('auth', { checks: [check.log('ready')] })], {
  defaultRuntime: { language: 'python', version: '3.13' },
});

/** A failing verdict carrying `diagnosis`, built on the runtime image, as runCell would return it. */
function verdictOf(diagnosis: Diagnosis): Verdict {
  return {
    phase: 'auth',
    phaseIndex: 1,
    runtime: 'python@3.13',
    status: 'fail',
    runId: 'corpus',
    startedAt: new Date(0).toISOString(),
    timings: { imageMs: 0, buildMs: 0, servicesMs: 0, startMs: 0, checksMs: 0, totalMs: 0 },
    checks: [],
    failure: { stage: 'start', message: 'the app exited' },
    build: { image: IMAGE, outputTail: [] },
    diagnosis,
    warnings: [],
  };
}

describe.runIf(inject('docker'))('remedies of the evidence corpus on the real engine', () => {
  const runIds: string[] = [];

  afterAll(async () => {
    for (const runId of runIds) expect(await labelledContainers(`stagebisect.run=${runId}`)).toEqual([]);
  });

  it('never name a Debian package the runtime suite lacks', { timeout: 300_000 }, async () => {
    const python = EVIDENCE_FIXTURES.filter((name) => evidenceInput(name).stack === 'python');
    const driver = new DockerDriver();
    const session = {
      driver,
      images: {
        runtimeImage: async () => ({ ref: IMAGE, id: IMAGE }),
        serviceImage: async () => {
          throw new Error('no services here');
        },
        nodeVersion: async () => {
          throw new Error('no node here');
        },
        dependencyImage: async () => {
          throw new Error('no node here');
        },
      },
      host: {
        contextFiles: async () => ({ files: [], warnings: [] }),
        nodeTree: async () => undefined,
        gitState: async () => undefined,
      },
      project: PLAN.name,
      clock: systemClock,
      signal: new AbortController().signal,
      emit: () => undefined,
      hostEnv: {},
    };
    const settled = await withRunSession(session, async (context) => {
      runIds.push(context.scope.runId);
      const cell = { project: PLAN, phase: PLAN.phases[0]!, runtime: PLAN.defaultRuntime };
      const out: { name: string; before: Diagnosis; after: Diagnosis }[] = [];
      for (const name of python) {
        const before = diagnose(evidenceInput(name));
        const after = (await checkRemedy(verdictOf(before), cell, context)).diagnosis!;
        out.push({ name, before, after });
      }
      return out;
    });

    for (const { name, after } of settled) {
      expect(await missingFromSuite(IMAGE, after), name).toEqual([]);
      expect(after.packages?.aptCheck ?? 'none', name).not.toBe('unchecked');
    }
    // The check did work both ways on this corpus: a package kept, and one the suite lacks turned away.
    const byName = new Map(settled.map((s) => [s.name, s]));
    expect(byName.get('python-module-not-found')?.after.packages).toMatchObject({
      apt: 'python3-jwt',
      aptCheck: 'exists',
    });
    const langchain = byName.get('python-module-not-in-debian')!;
    expect(langchain.before.remedy).toContain('`python3-langchain-openai` under `apt:`');
    expect(langchain.after.packages).toMatchObject({ apt: 'python3-langchain-openai', aptCheck: 'missing' });
    expect(langchain.after.remedy).not.toContain('under `apt:`');
  });
});
