// Secrets reach the app at run time only, and their values never reach a user's screen, the JSON report
// or an image: an app that prints its key and then fails shows `***` in every place the key would be.
import { execa } from 'execa';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadPlan } from '../../src/config/load-plan.js';
import { DockerDriver } from '../../src/drivers/docker/docker-driver.js';
import type { Driver } from '../../src/drivers/driver.js';
import { runCli, transcript } from '../support/cli.js';
import { RunLedger } from '../support/engine-leftovers.js';
import { recipeOf } from '../support/recipe-of.js';
import { configOf, removeTempProjects, writeProject } from '../support/temp-project.js';

const SECRET = 'sk_live_unique123';

const PROJECT = {
  'stagebisect.yaml': [
    'name: secret-keeper',
    'stack: python',
    'context: .',
    'port: 8000',
    'start: python3 -m uvicorn main:app --host 0.0.0.0 --port $PORT',
    'runtime: python@3.13',
    'images: local',
    'phases: phases',
    '',
  ].join('\n'),
  'phases/10-payments.yaml': [
    'name: payments',
    'apt: [python3-fastapi, python3-uvicorn]',
    'files: [main.py]',
    'secrets: [STRIPE_API_KEY]',
    'env:',
    "  DB_PASSWORD: '${random.secret}'",
    'checks:',
    '  - http: GET /health',
    "    expect: { status: 200, body: 'ok' }",
    '',
  ].join('\n'),
  // Careless on purpose: it logs both values at start, and its health check fails with the key in the body
  // and in the traceback, so the report shows the log tail and the failing answer.
  'main.py': [
    'import os',
    '',
    'from fastapi import FastAPI',
    'from fastapi.responses import PlainTextResponse',
    '',
    'KEY = os.environ.get("STRIPE_API_KEY")',
    'print(f"starting with STRIPE_API_KEY={KEY} DB_PASSWORD={os.environ.get(\'DB_PASSWORD\')}", flush=True)',
    'app = FastAPI()',
    '',
    '',
    '@app.get("/health", response_class=PlainTextResponse)',
    'def health():',
    '    print(f"payment provider refused key {KEY}", flush=True)',
    '    return PlainTextResponse(f"payment provider refused key {KEY}", status_code=500)',
    '',
  ].join('\n'),
};

describe.runIf(inject('docker'))('secrets', () => {
  const ledger = new RunLedger();
  const started = new Date();

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it(
    'masks the secret and the random secret in the JSON report and on stderr',
    { timeout: 180_000 },
    async () => {
      const dir = await writeProject('secrets', PROJECT);
      const run = ledger.record(
        await runCli(['run', '--config', configOf(dir), '--json'], { env: { STRIPE_API_KEY: SECRET } }),
      );

      expect(run.exitCode, transcript(run)).toBe(1);
      expect(run.stdout).not.toContain(SECRET);
      expect(run.stderr).not.toContain(SECRET);
      const verdict = run.json.verdict;
      expect(verdict.warnings).toEqual([]);
      const log = verdict.app.logTail.join('\n');
      expect(log).toContain('starting with STRIPE_API_KEY=*** DB_PASSWORD=***');
      expect(log).toContain('payment provider refused key ***');
      expect(verdict.checks[0].evidence.body).toBe('payment provider refused key ***');
    },
  );

  it('masks them in the report a person reads', { timeout: 180_000 }, async () => {
    const dir = await writeProject('secrets-human', PROJECT);
    const run = ledger.record(
      await runCli(['run', '--config', configOf(dir)], { env: { STRIPE_API_KEY: SECRET } }),
    );

    expect(run.exitCode, transcript(run)).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(run.stdout).toContain('body: payment provider refused key ***');
    expect(run.stdout).toContain('STRIPE_API_KEY=*** DB_PASSWORD=***');
  });

  it('builds the secret into no image', { timeout: 180_000 }, async () => {
    // The phase's image, built by the driver while the secret is in the environment, kept to look at.
    const dir = await writeProject('secrets-image', PROJECT);
    const plan = await loadPlan(configOf(dir));
    const driver: Driver = new DockerDriver();
    const signal = new AbortController().signal;
    const scope = await driver.openRun(`secrets${Date.now().toString(36)}`, signal);
    const cell = scope.openCell('payments');
    process.env.STRIPE_API_KEY = SECRET;
    try {
      const build = await cell.buildApp(
        await recipeOf(
          { project: plan, phase: plan.phases[0]!, runtime: plan.defaultRuntime },
          'stagebisect/python:3.13',
        ),
        () => undefined,
        signal,
      );
      expect(build.ok, build.output.join('\n')).toBe(true);
      if (!build.ok) return;
      expect(await imageText(build.image)).not.toContain(SECRET);
    } finally {
      delete process.env.STRIPE_API_KEY;
      await cell.dispose();
      await scope.close();
    }

    // And every image the CLI runs of this file left on the engine (build cache included).
    const images = await imagesCreatedSince(started);
    const leaking = [];
    for (const id of images) if ((await imageText(id)).includes(SECRET)) leaking.push(id);
    expect(leaking).toEqual([]);
  });
});

/**
 * What an image says about itself: its configuration (env, labels, command) and every build step. Other
 * test files may remove an image at any moment: one that is gone says nothing.
 */
async function imageText(ref: string): Promise<string> {
  const inspect = await execa('docker', ['image', 'inspect', ref], { reject: false });
  const history = await execa('docker', ['history', '--no-trunc', '--format', '{{.CreatedBy}}', ref], {
    reject: false,
  });
  return `${inspect.stdout}\n${history.stdout}`;
}

async function imagesCreatedSince(since: Date): Promise<string[]> {
  const ids = (await execa('docker', ['image', 'ls', '-a', '-q', '--no-trunc'])).stdout
    .split('\n')
    .filter(Boolean);
  if (ids.length === 0) return [];
  // Prints the images that still exist, even when some listed a moment ago are gone (and exits 1 then).
  const inspect = await execa('docker', ['image', 'inspect', ...new Set(ids)], { reject: false });
  const inspected = JSON.parse(inspect.stdout || '[]') as { Id: string; Created: string }[];
  return inspected.filter((image) => new Date(image.Created) >= since).map((image) => image.Id);
}
