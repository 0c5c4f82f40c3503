// Real Node services on the real engine, as issue 13 accepts them: examples/node-api's nightly matrix over
// node 20, 22 and 24 (every layer passes on 22, native addon included; node@20 stops at auth because
// better-sqlite3 13's engines exclude it, found before anything is built); a dependency taken out of the
// auth layer found by bisect; a native addon that cannot be built diagnosed `native-addon`; a real
// Express + knex + better-sqlite3 service with its lockfile passing its health layer on node@22 and
// node@24 unchanged (its addon compiled in the image); and gc --cache --project removing the tree images.
// Cold, the native compiles make this file the slowest one: about 12 minutes on two busy cores.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, transcript } from '../support/cli.js';
import { labelledImageTags, RunLedger } from '../support/engine-leftovers.js';
import { configOf, copyExample, copyFixture, removeTempProjects } from '../support/temp-project.js';

interface MatrixCellJson {
  readonly runtime: string;
  readonly phase: string;
  readonly status: string;
  readonly verdict?: { checks: { label: string; status: string }[] };
}

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `${file} should contain ${String(from)}`).not.toBe(text);
  await writeFile(file, changed);
}

describe.runIf(inject('docker'))('node services', () => {
  const ledger = new RunLedger();

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it(
    "examples/node-api's nightly matrix names node@20's first failing layer and its cause, and passes every layer on 22 and 24",
    { timeout: 1_200_000 },
    async () => {
      const dir = await copyExample('node-api');
      const json = path.join(dir, 'matrix.json');
      // From the project's directory, as a user runs it: files are named relative to it.
      const run = ledger.record(await runCli(['matrix', 'nightly', '--json', json], { cwd: dir }));

      expect(run.exitCode, transcript(run)).toBe(1);
      expect(run.stdout).toMatch(/node@20 +\(✔\) +\(✔\) +✔ +✖ +/);
      expect(run.stdout).toContain(
        '✖ node@20: first failing layer auth (4 of 5, phases/40-auth.yaml); last good: redis',
      );
      expect(run.stdout).toMatch(
        /diagnosis: package-unavailable \(better-sqlite3\): better-sqlite3@13\.2\.0 requires node >=22, which node@20 \(Node 20\.\d+\.\d+\) does not satisfy\./,
      );
      expect(run.stdout).toContain('✔ node@22: every phase passes (up to llm)');
      expect(run.stdout).toContain('✔ node@24: every phase passes (up to llm)');

      const result = JSON.parse(await readFile(json, 'utf8')) as { cells: MatrixCellJson[] };
      const llm22 = result.cells.find((c) => c.runtime === 'node@22' && c.phase === 'llm')!;
      expect(llm22.status).toBe('pass');
      // The llm phase runs every layer's checks: the native addon loads and serves the auth routes.
      expect(Object.fromEntries(llm22.verdict!.checks.map((c) => [c.label, c.status]))).toMatchObject({
        'import express': 'pass',
        'http POST /notes': 'pass',
        'http GET /health/redis': 'pass',
        'import better-sqlite3': 'pass',
        'http POST /auth/token': 'pass',
        'http GET /health/llm': 'pass',
      });
      const auth20 = result.cells.find((c) => c.runtime === 'node@20' && c.phase === 'auth')!;
      expect(auth20).toMatchObject({
        status: 'fail',
        verdict: {
          failure: { stage: 'build' },
          diagnosis: { class: 'package-unavailable', subject: 'better-sqlite3' },
          // Refused before anything was built, yet keyed: the next night serves it from the cache.
          key: expect.stringMatching(/^[0-9a-f]{64}$/),
          build: { outputTail: [expect.stringContaining('engines.node >=22, runtime 20.')] },
        },
      });
    },
  );

  it(
    'bisect names the auth layer and the module when a dependency is taken out of it',
    { timeout: 900_000 },
    async () => {
      const dir = await copyExample('node-api');
      await edit(
        path.join(dir, 'phases/40-auth.yaml'),
        "npm: { better-sqlite3: '13.2.0', jose: '6.2.19' }",
        "npm: { better-sqlite3: '13.2.0' }",
      );
      const run = ledger.record(await runCli(['bisect', '--runtime', 'node@22', '--json'], { cwd: dir }));

      expect(run.exitCode, transcript(run)).toBe(1);
      expect(run.json.culprit).toEqual({ phase: 'auth', index: 4, file: 'phases/40-auth.yaml' });
      expect(run.json.diagnosis).toMatchObject({ class: 'missing-module', subject: 'jose' });
      expect(run.json.diagnosis.summary).toContain('src/auth.ts');
    },
  );

  it(
    'diagnoses a native addon that cannot be built in the image as native-addon',
    { timeout: 900_000 },
    async () => {
      const dir = await copyFixture('node-knex-sqlite');
      // Without Python, make and g++, node-gyp cannot compile better-sqlite3 12 in the image.
      await edit(path.join(dir, 'phases/10-health.yaml'), /^apt: .*$/m, '');
      const run = ledger.record(
        await runCli(['run', '--config', configOf(dir), '--phase', 'health', '--json']),
      );

      expect(run.exitCode, transcript(run)).toBe(1);
      const verdict = run.json.verdict;
      expect(verdict.failure.stage).toBe('build');
      expect(verdict.diagnosis).toMatchObject({ class: 'native-addon', subject: 'better-sqlite3' });
      expect(verdict.diagnosis.summary).toContain('node-gyp found no Python');
      expect(verdict.diagnosis.remedy).toContain('apt: [python3, make, g++]');
    },
  );

  for (const runtime of ['node@22', 'node@24']) {
    it(
      `passes the health layer of a real Express + knex + better-sqlite3 service on ${runtime}, unchanged`,
      { timeout: 1_200_000 },
      async () => {
        const dir = await copyFixture('node-knex-sqlite');
        const run = ledger.record(
          await runCli([
            'run',
            '--config',
            configOf(dir),
            '--phase',
            'health',
            '--runtime',
            runtime,
            '--json',
          ]),
        );

        expect(run.exitCode, transcript(run)).toBe(0);
        expect(run.json.verdict.checks.map((c: { label: string; status: string }) => c.status)).toEqual([
          'pass',
          'pass',
          'pass',
        ]);
        // The addon was compiled in the image, for its own Node, against the headers the image carries.
        expect(run.json.verdict.build.outputTail.join('\n')).not.toMatch(/gyp (ERR|http)/);
      },
    );
  }

  it(
    "sends a tree to the engine once, as an image gc --cache --project removes with the project's trees",
    { timeout: 600_000 },
    async () => {
      const dir = await copyFixture('node-service');
      const project = `gc-trees-${process.pid}`;
      await edit(configOf(dir), 'name: node-service', `name: ${project}`);
      const cache = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-gc-trees-'));
      const env = { XDG_CACHE_HOME: cache };
      try {
        const first = ledger.record(
          await runCli(['run', '--config', configOf(dir), '--phase', 'ms'], { env }),
        );
        expect(first.exitCode, transcript(first)).toBe(0);
        expect(first.stderr).toContain('installing node dependencies');
        expect(first.stderr).toMatch(/sending dependency tree [0-9a-f]{12} to the engine, once/);
        const images = await labelledImageTags(`stagebisect.project=${project}`);
        expect(images).toEqual([
          expect.stringMatching(new RegExp(`^stagebisect-deps/${project}:[0-9a-f]{12}$`)),
        ]);

        const second = ledger.record(
          await runCli(['run', '--config', configOf(dir), '--phase', 'ms'], { env }),
        );
        expect(second.exitCode, transcript(second)).toBe(0);
        expect(second.stderr).toMatch(/dependency tree [0-9a-f]{12} \(cached\)/);
        expect(second.stderr).not.toContain('installing');
        expect(second.stderr).not.toContain('sending dependency tree');

        const gc = ledger.record(await runCli(['gc', '--cache', '--project', project, '--json'], { env }));
        expect(gc.exitCode, transcript(gc)).toBe(0);
        expect(await labelledImageTags(`stagebisect.project=${project}`)).toEqual([]);
        expect(gc.json.hostCacheFreedBytes).toBeGreaterThan(0);
      } finally {
        await rm(cache, { recursive: true, force: true });
      }
    },
  );
});
