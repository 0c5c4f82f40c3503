// Nothing a run creates outlives it: not after a pass, not after a failure, not after Ctrl-C; and
// `stagebisect gc` removes what a crashed run left, sparing runs whose process is still alive.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli, startCli, transcript } from '../support/cli.js';
import {
  labelledContainers,
  labelledNetworks,
  leftoversOf,
  NOTHING_LEFT,
  RunLedger,
} from '../support/engine-leftovers.js';
import { startScopedEngine, type ScopedEngine } from '../support/label-scoped-engine.js';
import { configOf, copyExample, copyFixture, removeTempProjects } from '../support/temp-project.js';
import { waitFor } from '../support/wait-for.js';

/** pid_max is at most 4194304 on Linux: no process has this pid. */
const DEAD_PID = 4_999_999;

describe.runIf(inject('docker'))('cleanup', () => {
  const ledger = new RunLedger();

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it(
    'leaves no container, network or image tag after a passing run with services',
    { timeout: 180_000 },
    async () => {
      const dir = await copyFixture('services');
      const run = ledger.record(await runCli(['run', '--config', configOf(dir), '--json']));

      expect(run.exitCode, transcript(run)).toBe(0);
      // It did make them: three services and the app ran, and the app was built.
      expect(run.json.verdict.build.image).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(run.json.verdict.timings.servicesMs).toBeGreaterThan(0);
      expect(await leftoversOf(run.pid)).toEqual(NOTHING_LEFT);
    },
  );

  it('leaves nothing after a run whose app crashes beside its services', { timeout: 180_000 }, async () => {
    const dir = await copyFixture('diag-missing-module');
    const run = ledger.record(await runCli(['run', '--config', configOf(dir), '--phase', 'redis', '--json']));

    expect(run.exitCode, transcript(run)).toBe(1);
    expect(run.json.verdict.app.exit.code).toBe(1);
    expect(await leftoversOf(run.pid)).toEqual(NOTHING_LEFT);
  });

  it(
    'stops at Ctrl-C with exit 130 and removes every container and network it made',
    { timeout: 180_000 },
    async () => {
      const dir = await copyExample();
      const child = startCli(
        ['run', '--config', configOf(dir), '--phase', 'llm', '--runtime', 'python@3.13', '--json'],
        { timeoutMs: 170_000 },
      );
      const pid = child.pid!;
      ledger.record({ pid });
      const label = `stagebisect.pid=${pid}`;
      let ended = false;
      void child.finally(() => (ended = true));

      // Mid-run: its services are starting (they start after the app's image is built).
      await waitFor(async () => (ended || (await labelledContainers(label)).length > 0 ? true : undefined), {
        timeoutMs: 150_000,
        intervalMs: 100,
        what: `a container labelled ${label}`,
      });
      expect(ended, 'the run ended before anything was started on the engine').toBe(false);
      expect(await labelledNetworks(label)).toHaveLength(1);

      const interrupted = performance.now();
      child.kill('SIGINT');
      const result = await child;
      const stopMs = performance.now() - interrupted;

      expect(result.exitCode, String(result.stderr)).toBe(130);
      expect(stopMs).toBeLessThan(10_000);
      expect(JSON.parse(String(result.stdout)).error).toMatchObject({ kind: 'interrupted', exitCode: 130 });
      expect(String(result.stderr)).toContain('interrupted; everything this run created was removed');
      expect(await leftoversOf(pid)).toEqual(NOTHING_LEFT);
    },
  );

  describe('gc', () => {
    // Through a view of the engine that shows only what this test labels, so that `gc --all` cannot touch
    // the runs of test files running beside this one.
    const token = randomBytes(4).toString('hex');
    const scope = `stagebisect.test-scope=${token}`;
    let engine: ScopedEngine;

    const leave = async (run: string, pid: number, startedMs: number): Promise<void> => {
      const labels = [
        `stagebisect.run=${run}`,
        `stagebisect.pid=${pid}`,
        `stagebisect.host=${os.hostname()}`,
        `stagebisect.started=${startedMs}`,
        scope,
      ].flatMap((l) => ['--label', l]);
      await execa('docker', ['network', 'create', ...labels, `stagebisect-test-${run}`]);
      await execa('docker', [
        'run',
        '-d',
        '--name',
        `stagebisect-test-${run}`,
        '--network',
        `stagebisect-test-${run}`,
        ...labels,
        'stagebisect/redis:local',
      ]);
    };
    const gc = (...flags: string[]) =>
      runCli(['gc', ...flags, '--json'], { env: { DOCKER_HOST: engine.dockerHost } });
    const present = async (run: string) => ({
      containers: await labelledContainers(`stagebisect.run=${run}`),
      networks: await labelledNetworks(`stagebisect.run=${run}`),
    });

    beforeAll(async () => {
      engine = await startScopedEngine(scope);
      // A run whose process is gone, and one whose process (this test) is alive and started before it.
      await leave(`dead-${token}`, DEAD_PID, 1);
      await leave(`live-${token}`, process.pid, Date.now());
    }, 60_000);

    afterAll(async () => {
      await engine?.close();
      const containers = await labelledContainers(scope);
      if (containers.length) await execa('docker', ['rm', '-f', ...containers]);
      const networks = await labelledNetworks(scope);
      if (networks.length) await execa('docker', ['network', 'rm', ...networks]);
    });

    it(
      'removes the leftovers of a run whose process is gone, and leaves a live run alone',
      { timeout: 60_000 },
      async () => {
        const run = await gc();

        expect(run.exitCode, transcript(run)).toBe(0);
        expect(run.json).toMatchObject({
          command: 'gc',
          containers: 1,
          networks: 1,
          volumes: 0,
          images: 0,
          liveRuns: [`live-${token}`],
          // Without --cache nothing on the host is freed; the caches it keeps are listed with their size.
          hostCacheFreedBytes: 0,
          hostCaches: [
            expect.objectContaining({ name: 'node-trees', bytes: expect.any(Number) }),
            expect.objectContaining({ name: 'npm-packages', bytes: expect.any(Number) }),
          ],
        });
        expect(await present(`dead-${token}`)).toEqual({ containers: [], networks: [] });
        expect(await present(`live-${token}`)).toEqual({
          containers: [`stagebisect-test-live-${token}`],
          networks: [`stagebisect-test-live-${token}`],
        });
      },
    );

    it('removes a live run too with --all', { timeout: 60_000 }, async () => {
      const run = await gc('--all');

      expect(run.exitCode, transcript(run)).toBe(0);
      expect(run.json).toMatchObject({ containers: 1, networks: 1, liveRuns: [] });
      expect(await present(`live-${token}`)).toEqual({ containers: [], networks: [] });
    });
  });
});
