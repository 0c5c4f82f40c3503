// runMatrix over a FakeDriver: a bisect per runtime from what the cache knows, every cell in full mode,
// cells at once up to the concurrency, fail_fast, and runtimes no image serves.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMatrix, type MatrixRunOptions } from '../../../src/engine/run-matrix.js';
import { withRunSession } from '../../../src/engine/run-session.js';
import { servableVersions } from '../../../src/images/image-catalog.js';
import { planMatrix } from '../../../src/matrix/matrix-grid.js';
import { matrixResult } from '../../../src/matrix/matrix-result.js';
import type { MatrixSpec, Plan } from '../../../src/model.js';
import { VerdictCache } from '../../../src/store/verdict-cache.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeDriver, type PhaseScript } from '../../support/fake-driver.js';
import { matrixSpec } from '../../support/matrix-spec.js';
import { check, layer, planOf } from '../../support/plan-builder.js';

const NAMES = ['health', 'db', 'redis', 'auth', 'llm'];
const PLAN = planOf(
  NAMES.map((name) => layer(name, { apt: [`python3-${name}`], checks: [check.log(`${name} ready`)] })),
);
const READY = NAMES.map((n) => `${n} ready`);
const works: PhaseScript = { app: { logs: READY } };
/** As Debian's apt says it when a release has no such package. */
const buildFails: PhaseScript = {
  build: {
    fail: "The command '/bin/sh -c stagebisect-apt-install python3-llm' returned a non-zero code: 100",
  },
  buildOutput: [
    'Step 9/14 : RUN stagebisect-apt-install python3-llm',
    'E: Unable to locate package python3-llm',
  ],
};

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function cacheDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-cache-'));
  dirs.push(dir);
  return dir;
}

interface Setup {
  readonly spec: MatrixSpec;
  readonly plan?: Plan;
  readonly deep?: boolean;
  readonly phases?: Record<string, PhaseScript>;
  readonly cache?: string;
  readonly runtimes?: Record<string, 'infra'>;
}

async function matrix(setup: Setup) {
  const clock = new FakeClock();
  const driver = new FakeDriver({
    clock,
    phases: { ...Object.fromEntries(NAMES.map((n) => [n, works])), ...setup.phases },
    ...(setup.runtimes ? { runtimes: setup.runtimes } : {}),
  });
  const plan = setup.plan ?? PLAN;
  const { grid } = planMatrix(plan, setup.spec, (l) => servableVersions(l, 'local'));
  const warnings: string[] = [];
  const store = setup.cache ? new VerdictCache(setup.cache, (w) => warnings.push(w)) : undefined;
  const options: MatrixRunOptions = {
    mode: setup.spec.mode,
    concurrency: setup.spec.concurrency,
    failFast: setup.spec.failFast,
    rows: grid.rows,
    ...(store ? { store } : {}),
    ...(setup.deep ? { deep: true } : {}),
  };
  const run = await withRunSession(driver.session(), (context) => runMatrix(plan, context, options));
  const result = matrixResult({
    plan,
    matrix: 'nightly',
    mode: setup.spec.mode,
    config: 'stagebisect.yaml',
    grid,
    cells: run.cells,
    inShard: () => true,
    probes: run.probes,
    runId: 'run1',
    startedAt: '2026-12-04T03:00:00.000Z',
    durationMs: 1000,
  });
  const table = Object.fromEntries(
    result.runtimes.map((r) => [
      r,
      result.cells.filter((c) => c.runtime === r).map((c) => `${c.phase}:${c.status}${c.cached ? '*' : ''}`),
    ]),
  );
  return { result, table, driver, warnings, peak: driver.peakOpenCells };
}

const llmFailsOn311 = { 'llm@python@3.11': buildFails };

describe('runMatrix, bisect mode', () => {
  it('finds the first failing layer per runtime and infers what it need not run', async () => {
    const { result, table, driver } = await matrix({
      spec: matrixSpec({ python: ['3.11', '3.13'] }),
      phases: llmFailsOn311,
    });
    expect(table).toEqual({
      'python@3.11': ['health:inferred-pass', 'db:inferred-pass', 'redis:pass', 'auth:pass', 'llm:fail'],
      'python@3.13': [
        'health:inferred-pass',
        'db:inferred-pass',
        'redis:pass',
        'auth:inferred-pass',
        'llm:pass',
      ],
    });
    // python@3.11: redis, llm, auth; python@3.13: redis, llm. Never more than ceil(log2(5 + 1)).
    expect(driver.built).toHaveLength(5);
    const failing = result.summaries.find((s) => s.runtime === 'python@3.11')!;
    expect(failing).toMatchObject({
      status: 'fail',
      lastGood: { phase: 'auth', index: 4 },
      firstFailing: { phase: 'llm', index: 5, file: 'phases/50-llm.yaml' },
      reproduce: 'npx stagebisect run --runtime python@3.11 --phase llm',
      probes: 3,
    });
    expect(failing.firstFailing!.diagnosis?.class).toBe('package-unavailable');
    expect(result.summaries.find((s) => s.runtime === 'python@3.13')).toMatchObject({
      status: 'pass',
      reproduce: null,
    });
  });

  it('builds and runs nothing when the cache knows every cell, and says they are cached', async () => {
    const cache = await cacheDir();
    const spec = matrixSpec({ python: ['3.11', '3.13'] });
    const first = await matrix({ spec, phases: llmFailsOn311, cache });
    const again = await matrix({ spec, phases: llmFailsOn311, cache });
    expect(again.driver.built).toEqual([]);
    expect(again.table).toEqual({
      'python@3.11': ['health:inferred-pass', 'db:inferred-pass', 'redis:pass*', 'auth:pass*', 'llm:fail*'],
      'python@3.13': [
        'health:inferred-pass',
        'db:inferred-pass',
        'redis:pass*',
        'auth:inferred-pass',
        'llm:pass*',
      ],
    });
    expect(again.result.summaries.map((s) => [s.runtime, s.status, s.probes])).toEqual([
      ['python@3.11', 'fail', 0],
      ['python@3.13', 'pass', 0],
    ]);
    const original = first.result.cells.find(
      (c) => c.runtime === 'python@3.11' && c.phase === 'llm',
    )!.verdict!;
    const cached = again.result.cells.find((c) => c.runtime === 'python@3.11' && c.phase === 'llm')!.verdict!;
    expect(cached.startedAt).toBe(original.startedAt);
    expect(cached.runId).toBe(original.runId);
  });

  it('starts a bisect from the cached outcomes and probes only what they leave open', async () => {
    const cache = await cacheDir();
    await matrix({
      spec: matrixSpec({ python: ['3.13'] }, { mode: 'full' }),
      phases: { llm: buildFails },
      cache,
    });
    const { driver, table } = await matrix({
      spec: matrixSpec({ python: ['3.13'] }),
      phases: { llm: buildFails },
      cache,
    });
    expect(driver.built).toEqual([]);
    expect(table['python@3.13']).toEqual([
      'health:pass*',
      'db:pass*',
      'redis:pass*',
      'auth:pass*',
      'llm:fail*',
    ]);
  });

  it('reports a runtime no image serves as untested with the reason, and a runtime whose image fails as infrastructure', async () => {
    const { result, table } = await matrix({
      spec: matrixSpec({ python: ['3.12', '3.13', '3.14'] }),
      runtimes: { 'python@3.14': 'infra' },
    });
    expect(table['python@3.12']).toEqual(NAMES.map((n) => `${n}:untested`));
    expect(result.summaries.find((s) => s.runtime === 'python@3.12')).toMatchObject({
      status: 'untested',
      reason: expect.stringContaining('cannot serve python@3.12'),
    });
    expect(table['python@3.14']).toEqual(NAMES.map((n) => `${n}:error`));
    expect(result.summaries.find((s) => s.runtime === 'python@3.14')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('no image can serve python@3.14'),
    });
    expect(result.summaries.find((s) => s.runtime === 'python@3.13')?.status).toBe('pass');
  });
});

describe('runMatrix, full mode', () => {
  it('runs every cell, at most `concurrency` at once', async () => {
    const { table, driver, peak } = await matrix({
      spec: matrixSpec({ python: ['3.11', '3.13'] }, { mode: 'full', concurrency: 2 }),
      phases: llmFailsOn311,
    });
    expect(driver.built).toHaveLength(10);
    expect(table['python@3.11']).toEqual(['health:pass', 'db:pass', 'redis:pass', 'auth:pass', 'llm:fail']);
    expect(peak).toBeLessThanOrEqual(2);
    expect(peak).toBe(2);
  });

  it('stops starting cells after the first failure with fail_fast, and says why', async () => {
    const { table, result } = await matrix({
      spec: matrixSpec({ python: ['3.11'] }, { mode: 'full', failFast: true }),
      phases: { db: buildFails },
    });
    expect(table['python@3.11']).toEqual([
      'health:pass',
      'db:fail',
      'redis:untested',
      'auth:untested',
      'llm:untested',
    ]);
    expect(result.cells[2]!.reason).toBe('fail_fast: stopped after db on python@3.11 failed');
  });
});

describe('runMatrix --deep', () => {
  it("searches a failing runtime's culprit layer for the additions that break it", async () => {
    // The llm layer adds a package, a file and a flag; on python@3.11 the flag makes the app crash.
    const plan = planOf([
      ...NAMES.slice(0, 4).map((name) => layer(name, { checks: [check.log(`${name} ready`)] })),
      layer('llm', {
        apt: ['python3-openai'],
        files: ['app/llm.py'],
        env: { FEATURE_LLM: '1' },
        checks: [check.log('llm ready')],
      }),
    ]);
    const crash = ['Traceback (most recent call last):', "ModuleNotFoundError: No module named 'openai'"];
    const llmOn311: PhaseScript = {
      app: {
        logs: (env) => (env.FEATURE_LLM === '1' ? crash : READY),
        exitWhen: (env) => (env.FEATURE_LLM === '1' ? { code: 1, afterMs: 30 } : undefined),
      },
    };
    const { result } = await matrix({
      spec: matrixSpec({ python: ['3.11', '3.13'] }),
      plan,
      phases: { 'llm@python@3.11': llmOn311 },
      deep: true,
    });
    const summary = result.summaries.find((s) => s.runtime === 'python@3.11')!;
    const deep = summary.firstFailing!.deep!;
    expect(deep.minimal?.map((a) => a.label)).toEqual(['env FEATURE_LLM']);
    expect(deep.probes).toBeLessThanOrEqual(2 * Math.log2(3) + 2);
    expect(result.summaries.find((s) => s.runtime === 'python@3.13')?.firstFailing).toBeNull();
  });
});
