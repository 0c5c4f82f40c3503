// The Driver contract, as one suite every driver must pass: a driver is done when this passes on it, not
// when its own tests do. What the suite cannot see through the interface (which resources a run still
// holds, a run whose process died) the driver's harness shows it.
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/config/load-plan.js';
import type { CellScope, ContainerHandle, Driver, RunScope } from '../../src/drivers/driver.js';
import type { Cell } from '../../src/model.js';
import { recipeOf } from '../support/recipe-of.js';
import { configOf, removeTempProjects, writeProject } from '../support/temp-project.js';
import { waitFor } from '../support/wait-for.js';

export interface RunResources {
  readonly containers: readonly string[];
  /** Networks, volumes and whatever else a run holds besides its containers. */
  readonly others: readonly string[];
}

export interface ConformanceHarness {
  /** The image the fixture cells are built on (python@3.13). */
  readonly pythonImage: string;
  /** An image whose `redis-server` listens on 6379 and answers PING. */
  readonly redisImage: string;
  /** What the run `runId` still holds. */
  resources(runId: string): Promise<RunResources>;
  /** Leaves a run behind as a crashed process would: a container and the run's own resources, no owner. */
  abandonRun(runId: string): Promise<void>;
  /** A driver that sees nothing but the run `runId`, so that gc with `all` cannot touch anyone else's. */
  scopedDriver(runId: string): Promise<{ readonly driver: Driver; close(): Promise<void> }>;
}

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const REDIS = ['redis-server', '--protected-mode', 'no'];
const signal = new AbortController().signal;

function runId(what: string): string {
  return `conf${what}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

async function fixtureCell(fixture: string): Promise<Cell> {
  const plan = await loadPlan(path.join(FIXTURES, fixture, 'stagebisect.yaml'));
  return { project: plan, phase: plan.phases[plan.phases.length - 1]!, runtime: plan.defaultRuntime };
}

/** Sends PING to a redis from this host, once. */
function redisPing(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let answer = '';
    const done = (text: string): void => {
      socket.destroy();
      resolve(text);
    };
    socket.setTimeout(1000, () => done('timeout'));
    socket.on('error', (error) => done(error.message));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.trim());
    });
  });
}

export function driverConformance(name: string, makeDriver: () => Driver, harness: ConformanceHarness): void {
  describe(`${name} driver conformance`, () => {
    const driver = makeDriver();

    afterAll(removeTempProjects);

    it('answers ping with the engine it talks to', async () => {
      const info = await driver.ping(signal);
      expect(info.name).not.toBe('');
      expect(info.version).not.toBe('');
    });

    it('removes everything a run made on close, its cells included', { timeout: 60_000 }, async () => {
      const id = runId('run');
      const run = await driver.openRun(id, signal);
      let held: RunResources;
      try {
        expect(run.runId).toBe(id);
        await run
          .openCell('undisposed')
          .start({ role: 'redis', image: harness.redisImage, command: REDIS, env: {} }, signal);
        held = await harness.resources(id);
      } finally {
        await run.close();
      }
      expect(held.containers).toHaveLength(1);
      expect(held.others.length).toBeGreaterThan(0);
      expect(await harness.resources(id)).toEqual({ containers: [], others: [] });
    });

    it(
      'leaves nothing behind when a run is closed as soon as it is opened',
      { timeout: 60_000 },
      async () => {
        const id = runId('brief');
        await (await driver.openRun(id, signal)).close();
        expect(await harness.resources(id)).toEqual({ containers: [], others: [] });
      },
    );

    describe('a cell', () => {
      let run: RunScope;
      let cell: CellScope;
      let id: string;

      beforeAll(async () => {
        id = runId('cell');
        run = await driver.openRun(id, signal);
        cell = run.openCell('conformance');
      });

      afterAll(async () => {
        await cell?.dispose();
        await run?.close();
        if (id) expect(await harness.resources(id)).toEqual({ containers: [], others: [] });
      });

      it('builds a fixture app', { timeout: 180_000 }, async () => {
        const lines: string[] = [];
        const build = await cell.buildApp(
          await recipeOf(await fixtureCell('all-checks-pass'), harness.pythonImage),
          (l) => lines.push(l),
          signal,
        );
        expect(build.ok, build.output.join('\n')).toBe(true);
        if (build.ok) expect(build.image).not.toBe('');
        expect(build.output.length).toBeGreaterThan(0);
        expect(lines).toEqual(build.output);
      });

      it(
        'reports a failing build step as a failed build with its output, not as an error',
        { timeout: 180_000 },
        async () => {
          const dir = await writeProject('conformance-bad-build', {
            'stagebisect.yaml':
              'name: bad-build\nstack: python\nport: 8000\nstart: python3 -m http.server $PORT\nruntime: python@3.13\nimages: local\n',
            'phases/10-broken.yaml':
              'name: broken\napt: [stagebisect-no-such-package]\nchecks:\n  - tcp: 8000\n',
            'app.py': '',
          });
          const plan = await loadPlan(configOf(dir));
          const build = await cell.buildApp(
            await recipeOf(
              { project: plan, phase: plan.phases[0]!, runtime: plan.defaultRuntime },
              harness.pythonImage,
            ),
            () => undefined,
            signal,
          );
          expect(build.ok).toBe(false);
          if (build.ok) return;
          expect(build.message).not.toBe('');
          expect(build.output.join('\n')).toContain('Unable to locate package stagebisect-no-such-package');
        },
      );

      describe('a long-running container', () => {
        let redis: ContainerHandle;

        beforeAll(async () => {
          redis = await cell.start(
            { role: 'redis', image: harness.redisImage, command: REDIS, env: { GREETING: 'hello' } },
            signal,
          );
        }, 60_000);

        it('has an address this host can connect to', async () => {
          expect(redis.address).not.toBe('');
          const answer = await waitFor(
            async () => {
              const reply = await redisPing(redis.address, 6379);
              return reply === '+PONG' ? reply : undefined;
            },
            { timeoutMs: 20_000, what: `redis at ${redis.address}:6379 to answer PING` },
          );
          expect(answer).toBe('+PONG');
          expect(redis.exitInfo()).toBeUndefined();
        });

        it('streams its log as it arrives', async () => {
          const text = await waitFor(
            async () =>
              redis.logs.text().includes('Ready to accept connections') ? redis.logs.text() : undefined,
            { timeoutMs: 20_000, what: 'redis to log that it is ready' },
          );
          expect(text).toContain('Ready to accept connections');
          expect(redis.logs.tail(1)).toHaveLength(1);
        });

        it('runs a command inside it with the container env and extra env', async () => {
          const ping = await redis.exec(['redis-cli', 'ping'], { timeoutMs: 10_000, signal });
          expect(ping).toEqual({ exitCode: 0, output: 'PONG\n', timedOut: false });
          const env = await redis.exec(['sh', '-c', 'echo "$GREETING $EXTRA"; exit 4'], {
            env: { EXTRA: 'world' },
            timeoutMs: 10_000,
            signal,
          });
          expect(env).toEqual({ exitCode: 4, output: 'hello world\n', timedOut: false });
        });

        it('gives up on a command at its timeout', async () => {
          const started = performance.now();
          const slow = await redis.exec(['sleep', '30'], { timeoutMs: 300, signal });
          expect(slow.timedOut).toBe(true);
          expect(performance.now() - started).toBeLessThan(5_000);
        });

        it("lists the sockets it listens on, without the engine's own DNS", async () => {
          const sockets = await redis.listeningSockets(signal);
          expect(sockets).toContainEqual(expect.objectContaining({ port: 6379 }));
          expect(sockets.filter((s) => s.address === '127.0.0.11')).toEqual([]);
        });
      });

      it('resolves `exited` with the exit code when a container exits', { timeout: 60_000 }, async () => {
        const handle = await cell.start(
          { role: 'short', image: harness.redisImage, command: ['sh', '-c', 'echo bye; exit 7'], env: {} },
          signal,
        );
        expect(await handle.exited).toEqual({ code: 7, oomKilled: false });
        expect(handle.exitInfo()).toEqual({ code: 7, oomKilled: false });
        expect(handle.logs.text()).toContain('bye');
        expect(await handle.listeningSockets(signal)).toEqual([]);
      });

      it(
        'runs a one-shot command to completion with its exit code and output',
        { timeout: 60_000 },
        async () => {
          const result = await cell.runOnce(
            {
              role: 'once',
              image: harness.redisImage,
              command: ['sh', '-c', 'echo out; echo err >&2; exit 3'],
              env: {},
            },
            30_000,
            signal,
          );
          expect(result).toMatchObject({ exitCode: 3, oomKilled: false, timedOut: false });
          expect(result.output).toContain('out');
          expect(result.output).toContain('err');
        },
      );

      it('stops waiting for a one-shot command at its timeout', { timeout: 60_000 }, async () => {
        const result = await cell.runOnce(
          { role: 'slow', image: harness.redisImage, command: ['sleep', '60'], env: {} },
          500,
          signal,
        );
        expect(result.timedOut).toBe(true);
        expect(result.durationMs).toBeLessThan(10_000);
      });

      it(
        'removes every container on dispose, and the run keeps its own resources',
        { timeout: 60_000 },
        async () => {
          const other = run.openCell('disposable');
          const handle = await other.start(
            { role: 'doomed', image: harness.redisImage, command: REDIS, env: {} },
            signal,
          );
          expect((await harness.resources(id)).containers.length).toBeGreaterThan(0);
          await other.dispose();
          await handle.exited;
          const left = await harness.resources(id);
          // The first cell's containers are still there; none of the disposed cell's are.
          expect(left.containers.filter((c) => c.includes('disposable'))).toEqual([]);
          expect(left.others.length).toBeGreaterThan(0);
        },
      );
    });

    describe('garbage collection', () => {
      it("removes a dead run's leftovers", { timeout: 120_000 }, async () => {
        const id = runId('dead');
        await harness.abandonRun(id);
        const before = await harness.resources(id);
        expect(before.containers.length).toBeGreaterThan(0);
        const scoped = await harness.scopedDriver(id);
        try {
          const report = await scoped.driver.collectGarbage({ all: false });
          expect(report).toMatchObject({ containers: before.containers.length, liveRuns: [] });
        } finally {
          await scoped.close();
        }
        expect(await harness.resources(id)).toEqual({ containers: [], others: [] });
      });

      it(
        'leaves a live run alone unless told `all`, and a closed run tolerates it',
        { timeout: 120_000 },
        async () => {
          const id = runId('live');
          const run = await driver.openRun(id, signal);
          const cell = run.openCell('live');
          await cell.start({ role: 'redis', image: harness.redisImage, command: REDIS, env: {} }, signal);
          const scoped = await harness.scopedDriver(id);
          try {
            const spared = await scoped.driver.collectGarbage({ all: false });
            expect(spared).toMatchObject({ containers: 0, liveRuns: [id] });
            expect((await harness.resources(id)).containers).toHaveLength(1);
            const removed = await scoped.driver.collectGarbage({ all: true });
            expect(removed).toMatchObject({ containers: 1, liveRuns: [] });
          } finally {
            await scoped.close();
            await cell.dispose();
            await run.close();
          }
          expect(await harness.resources(id)).toEqual({ containers: [], others: [] });
        },
      );
    });
  });
}
