// The Driver contract, as one suite every driver must pass: a driver is done when this passes on it, not
// when its own tests do. The driver's harness supplies the programs and recipes the suite runs and shows
// what the interface cannot (which resources a run still holds, a run whose process died); every
// assertion about the contract is made here, the same for every driver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CellScope,
  ContainerHandle,
  ContainerLaunch,
  Driver,
  RunScope,
} from '../../src/drivers/driver.js';
import type { ExitInfo } from '../../src/model.js';
import { removeTempProjects } from '../support/temp-project.js';
import { waitFor } from '../support/wait-for.js';
import { NOTHING_HELD, type ConformanceHarness, type RunResources } from './conformance-harness.js';

const signal = new AbortController().signal;

/** A name no other run on the same engine has: for run ids and projects. */
function unique(what: string): string {
  return `conf${what}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

const sorted = (names: readonly string[]): string[] => [...names].sort();

export function driverConformance(name: string, makeDriver: () => Driver, harness: ConformanceHarness): void {
  describe(`${name} driver conformance`, () => {
    const driver = makeDriver();
    const { server } = harness;

    const serverLaunch = (role: string, env: Record<string, string> = {}): ContainerLaunch => ({
      ...server.launch,
      role,
      env,
    });
    const commandLaunch = (role: string, command: readonly string[]): ContainerLaunch => ({
      role,
      image: harness.image,
      command,
      env: {},
    });
    // Waits that fail at a deadline, naming what they waited for, rather than hang until the test's timeout.
    const exitOf = (handle: ContainerHandle): Promise<ExitInfo> =>
      waitFor(async () => handle.exitInfo(), { timeoutMs: 20_000, what: `${handle.id} to exit` });
    const answering = (handle: ContainerHandle): Promise<true> =>
      waitFor(async () => ((await harness.ping(handle.address, server.port)) ? true : undefined), {
        timeoutMs: 20_000,
        what: `the server at ${handle.address}:${server.port} to answer a ping`,
      });

    afterAll(removeTempProjects);

    it('answers ping with the engine it talks to', async () => {
      const info = await driver.ping(signal);
      expect(info.name).not.toBe('');
      expect(info.version).not.toBe('');
    });

    it(
      "removes everything a run made on close, its cells included, all of it carrying the run's project",
      { timeout: 60_000 },
      async () => {
        const id = unique('run');
        const project = unique('project');
        const run = await driver.openRun(id, signal, project);
        let held: RunResources;
        try {
          expect(run.runId).toBe(id);
          await run.openCell('undisposed').start(serverLaunch('server'), signal);
          held = await harness.resources(id);
        } finally {
          await run.close();
        }
        expect(held.containers).toHaveLength(1);
        expect(held.others.length).toBeGreaterThan(0);
        expect(held.projects).toEqual([project]);
        expect(await harness.resources(id)).toEqual(NOTHING_HELD);
      },
    );

    it(
      'leaves nothing behind when a run is closed as soon as it is opened',
      { timeout: 60_000 },
      async () => {
        const id = unique('brief');
        await (await driver.openRun(id, signal)).close();
        expect(await harness.resources(id)).toEqual(NOTHING_HELD);
      },
    );

    describe('a cell', () => {
      let run: RunScope;
      let cell: CellScope;
      let id: string;

      beforeAll(async () => {
        id = unique('cell');
        run = await driver.openRun(id, signal);
        cell = run.openCell('conformance');
      });

      afterAll(async () => {
        await cell?.dispose();
        await run?.close();
        if (id) expect(await harness.resources(id)).toEqual(NOTHING_HELD);
      });

      it('builds an app from its recipe, streaming the output it returns', { timeout: 180_000 }, async () => {
        const lines: string[] = [];
        const build = await cell.buildApp(await harness.buildableRecipe(), (l) => lines.push(l), signal);
        expect(build.ok, build.output.join('\n')).toBe(true);
        if (build.ok) expect(build.image).not.toBe('');
        expect(build.output.length).toBeGreaterThan(0);
        expect(lines).toEqual(build.output);
      });

      it(
        'reports a failing build step as a failed build with its output, not as an error',
        { timeout: 180_000 },
        async () => {
          const { recipe, outputShows } = await harness.failingRecipe();
          const lines: string[] = [];
          const build = await cell.buildApp(recipe, (l) => lines.push(l), signal);
          expect(build.ok).toBe(false);
          if (build.ok) return;
          expect(build.message).not.toBe('');
          expect(build.output.join('\n')).toContain(outputShows);
          expect(lines).toEqual(build.output);
        },
      );

      describe('a long-running container', () => {
        let handle: ContainerHandle;

        beforeAll(async () => {
          handle = await cell.start(serverLaunch(server.launch.role, { GREETING: 'hello' }), signal);
        }, 60_000);

        it('has an address this host can connect to, and keeps running', async () => {
          expect(handle.address).not.toBe('');
          await answering(handle);
          expect(handle.exitInfo()).toBeUndefined();
        });

        it('streams its log as it arrives', async () => {
          const text = await waitFor(
            async () => (handle.logs.text().includes(server.readyLine) ? handle.logs.text() : undefined),
            { timeoutMs: 20_000, what: `the server to log "${server.readyLine}"` },
          );
          expect(text).toContain(server.readyLine);
          expect(handle.logs.tail(1)).toHaveLength(1);
        });

        it('runs a command inside it with the container env and extra env', async () => {
          const options = { timeoutMs: 10_000, signal };
          expect(await handle.exec(harness.print({ stdout: 'PONG', exitCode: 0 }), options)).toEqual({
            exitCode: 0,
            output: 'PONG\n',
            timedOut: false,
          });
          const both = await handle.exec(
            harness.print({ stdout: 'out', stderr: 'err', exitCode: 5 }),
            options,
          );
          expect(both).toMatchObject({ exitCode: 5, timedOut: false });
          expect(sorted(both.output.split('\n').filter(Boolean))).toEqual(['err', 'out']);
          const env = await handle.exec(harness.printEnv(['GREETING', 'EXTRA'], 4), {
            ...options,
            env: { EXTRA: 'world' },
          });
          expect(env).toEqual({ exitCode: 4, output: 'hello world\n', timedOut: false });
        });

        it('gives up on a command at its timeout, promptly', async () => {
          const started = performance.now();
          const slow = await handle.exec(harness.sleep(), { timeoutMs: 300, signal });
          expect(slow.timedOut).toBe(true);
          expect(performance.now() - started).toBeLessThan(5_000);
          expect(handle.exitInfo()).toBeUndefined();
        });

        it("lists the sockets it listens on, and none of the engine's own", async () => {
          const sockets = await handle.listeningSockets(signal);
          expect(sockets).toContainEqual(expect.objectContaining({ port: server.port }));
          expect(sockets.filter((s) => s.port !== server.port)).toEqual([]);
        });
      });

      it('resolves `exited` with the exit code when a container exits', { timeout: 60_000 }, async () => {
        const handle = await cell.start(
          commandLaunch('short', harness.print({ stdout: 'bye', exitCode: 7 })),
          signal,
        );
        expect(await exitOf(handle)).toEqual({ code: 7, oomKilled: false });
        expect(await handle.exited).toEqual({ code: 7, oomKilled: false });
        expect(handle.logs.text()).toContain('bye');
        expect(await handle.listeningSockets(signal)).toEqual([]);
      });

      it(
        'runs a one-shot command to completion with its exit code and output',
        { timeout: 60_000 },
        async () => {
          const result = await cell.runOnce(
            commandLaunch('once', harness.print({ stdout: 'out', stderr: 'err', exitCode: 3 })),
            30_000,
            signal,
          );
          expect(result).toMatchObject({ exitCode: 3, oomKilled: false, timedOut: false });
          expect(sorted(result.output.split('\n').filter(Boolean))).toEqual(['err', 'out']);
        },
      );

      it('stops waiting for a one-shot command at its timeout, promptly', { timeout: 60_000 }, async () => {
        const started = performance.now();
        const result = await cell.runOnce(commandLaunch('slow', harness.sleep()), 500, signal);
        expect(result.timedOut).toBe(true);
        expect(result.durationMs).toBeLessThan(10_000);
        expect(performance.now() - started).toBeLessThan(10_000);
      });

      it(
        "removes a cell's containers on dispose, and the run keeps its own resources",
        { timeout: 60_000 },
        async () => {
          const before = await harness.resources(id);
          const other = run.openCell('disposable');
          const handle = await other.start(serverLaunch('doomed'), signal);
          await answering(handle);
          expect((await harness.resources(id)).containers).toHaveLength(before.containers.length + 1);
          await other.dispose();
          const exit = await exitOf(handle);
          expect(await handle.exited).toEqual(exit);
          expect(await harness.ping(handle.address, server.port)).toBe(false);
          const left = await harness.resources(id);
          // The first cell's containers are all still there; none of the disposed cell's are.
          expect(sorted(left.containers)).toEqual(sorted(before.containers));
          expect(left.others).toEqual(expect.arrayContaining([...before.others]));
          expect(left.others.length).toBeGreaterThan(0);
        },
      );
    });

    describe('garbage collection', () => {
      it("removes a dead run's leftovers", { timeout: 120_000 }, async () => {
        const id = unique('dead');
        await harness.abandonRun(id);
        const before = await harness.resources(id);
        expect(before.containers.length).toBeGreaterThan(0);
        const scoped = await harness.scopedDriver([id]);
        try {
          const report = await scoped.driver.collectGarbage({ all: false });
          expect(report).toMatchObject({ containers: before.containers.length, liveRuns: [] });
        } finally {
          await scoped.close();
        }
        expect(await harness.resources(id)).toEqual(NOTHING_HELD);
      });

      it(
        'leaves a live run alone unless told `all`, and a closed run tolerates it',
        { timeout: 120_000 },
        async () => {
          const id = unique('live');
          const run = await driver.openRun(id, signal);
          const cell = run.openCell('live');
          await cell.start(serverLaunch('server'), signal);
          const scoped = await harness.scopedDriver([id]);
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
          expect(await harness.resources(id)).toEqual(NOTHING_HELD);
        },
      );

      it(
        "touches only the named project's runs, dead or, with `all`, alive",
        { timeout: 180_000 },
        async () => {
          const project = unique('mine');
          const otherProject = unique('theirs');
          const [mine, theirs, theirsLive] = [unique('mine'), unique('theirs'), unique('theirslive')];
          await harness.abandonRun(mine, project);
          await harness.abandonRun(theirs, otherProject);
          const live = await driver.openRun(theirsLive, signal, otherProject);
          const liveCell = live.openCell('live');
          await liveCell.start(serverLaunch('server'), signal);
          const scoped = await harness.scopedDriver([mine, theirs, theirsLive]);
          try {
            const held = await harness.resources(mine);
            expect(held.projects).toEqual([project]);
            const theirsHeld = await harness.resources(theirs);
            const liveHeld = await harness.resources(theirsLive);
            expect(theirsHeld.projects).toEqual([otherProject]);

            const report = await scoped.driver.collectGarbage({ all: false, project });
            expect(report).toMatchObject({ containers: held.containers.length, liveRuns: [] });
            expect(await harness.resources(mine)).toEqual(NOTHING_HELD);
            expect(await harness.resources(theirs)).toEqual(theirsHeld);

            const all = await scoped.driver.collectGarbage({ all: true, project });
            expect(all).toMatchObject({ containers: 0, liveRuns: [] });
            expect(await harness.resources(theirs)).toEqual(theirsHeld);
            expect(await harness.resources(theirsLive)).toEqual(liveHeld);

            const spared = await scoped.driver.collectGarbage({ all: false, project: otherProject });
            expect(spared).toMatchObject({
              containers: theirsHeld.containers.length,
              liveRuns: [theirsLive],
            });
            expect(await harness.resources(theirs)).toEqual(NOTHING_HELD);
            expect(await harness.resources(theirsLive)).toEqual(liveHeld);
          } finally {
            // Whatever failed above, the other project's dead run goes too; a failure of this cleanup must
            // not hide that first failure, and the assertions below catch anything it leaves.
            await scoped.driver.collectGarbage({ all: false, project: otherProject }).catch(() => undefined);
            await scoped.close();
            await liveCell.dispose();
            await live.close();
          }
          expect(await harness.resources(theirs)).toEqual(NOTHING_HELD);
          expect(await harness.resources(theirsLive)).toEqual(NOTHING_HELD);
        },
      );
    });
  });
}
