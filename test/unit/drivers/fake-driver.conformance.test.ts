// The FakeDriver against the shared Driver conformance suite, so that the unit tests of the engine, bisect
// and matrix, which all run on it, cannot drift from what the real engine does. Its images hold a tiny
// set of programs (serve, print, print-env, sleep), scripted here; time passes on a fake clock.
import type { ContainerLaunch } from '../../../src/drivers/driver.js';
import type { ConformanceHarness } from '../../conformance/conformance-harness.js';
import {
  BROKEN_PHASE,
  fixtureRecipe,
  UNKNOWN_PACKAGE,
  unknownPackageRecipe,
} from '../../conformance/conformance-recipes.js';
import { driverConformance } from '../../conformance/driver-conformance.js';
import { FakeClock } from '../../support/fake-clock.js';
import type { AppScript, Env, ExecScript } from '../../support/fake-container.js';
import { FakeDriver } from '../../support/fake-driver.js';

const SERVER_PORT = 6379;
const READY_LINE = 'serving on 0.0.0.0:6379';
const IMAGE = 'fake/tools:1';
const signal = new AbortController().signal;

/** What a command of the fake images prints, with what it exits, and how long it runs. */
function runCommand(argv: readonly string[], env: Env): Required<Omit<ExecScript, 'timedOut'>> {
  const [program, ...args] = argv;
  if (program === 'print') {
    const [stdout, stderr, code] = args;
    const lines = [stdout, stderr].filter((line) => line !== undefined && line !== '');
    return { output: lines.map((line) => `${line}\n`).join(''), exitCode: Number(code), runsForMs: 0 };
  }
  if (program === 'print-env') {
    const [code, ...names] = args;
    return { output: `${names.map((n) => env[n] ?? '').join(' ')}\n`, exitCode: Number(code), runsForMs: 0 };
  }
  if (program === 'sleep') return { output: '', exitCode: 0, runsForMs: Number(args[0]) * 1000 };
  return { output: `${program}: not found\n`, exitCode: 127, runsForMs: 0 };
}

const SERVER: AppScript = {
  logs: [READY_LINE],
  listening: [{ address: '0.0.0.0', port: SERVER_PORT }],
  exec: runCommand,
};

/** A container runs the server, or one command to its end: what it printed is its log. */
function program(launch: ContainerLaunch): AppScript | undefined {
  if (!launch.command) return undefined;
  if (launch.command[0] === 'serve') return SERVER;
  const ran = runCommand(launch.command, launch.env);
  return {
    logs: ran.output.split('\n').filter(Boolean),
    exit: { code: ran.exitCode, afterMs: ran.runsForMs },
  };
}

const driver = new FakeDriver({
  clock: new FakeClock(),
  programs: program,
  phases: {
    [BROKEN_PHASE]: {
      build: { fail: `step 2 (install ${UNKNOWN_PACKAGE}) failed with exit code 100` },
      buildOutput: [`step 2: install ${UNKNOWN_PACKAGE}`, `no such package: ${UNKNOWN_PACKAGE}`],
    },
  },
});

const fakeHarness: ConformanceHarness = {
  server: {
    launch: { role: 'server', image: IMAGE, command: ['serve'] },
    port: SERVER_PORT,
    readyLine: READY_LINE,
  },
  ping: async (address, port) => driver.reach(address, port) !== undefined,

  image: IMAGE,
  print: ({ stdout, stderr, exitCode }) => ['print', stdout ?? '', stderr ?? '', String(exitCode)],
  printEnv: (names, exitCode) => ['print-env', String(exitCode), ...names],
  sleep: () => ['sleep', '60'],

  buildableRecipe: () => fixtureRecipe('fake/python:3.13'),
  failingRecipe: async () => ({
    recipe: await unknownPackageRecipe('fake/python:3.13'),
    outputShows: `no such package: ${UNKNOWN_PACKAGE}`,
  }),

  async resources(runId) {
    const held = driver.holdings(runId);
    return { containers: held.containers, others: held.networks, projects: held.projects };
  },

  async abandonRun(runId, project) {
    const run = await driver.openRun(runId, signal, project);
    await run.openCell('abandoned').start({ ...fakeHarness.server.launch, env: {} }, signal);
    driver.crash(runId);
  },

  async scopedDriver(runIds) {
    return { driver: driver.scopedTo(runIds), close: async () => undefined };
  },
};

driverConformance('fake', () => driver, fakeHarness);
