// The Docker driver against the shared Driver conformance suite, on the real engine: redis as the server,
// sh in the redis image for the commands, the fixture recipes on python@3.13.
import net from 'node:net';
import Docker from 'dockerode';
import { execa } from 'execa';
import { describe, inject } from 'vitest';
import { DockerDriver } from '../../src/drivers/docker/docker-driver.js';
import { PROJECT_LABEL, RUN_LABEL } from '../../src/drivers/driver.js';
import type { ConformanceHarness } from '../conformance/conformance-harness.js';
import { fixtureRecipe, UNKNOWN_PACKAGE, unknownPackageRecipe } from '../conformance/conformance-recipes.js';
import { driverConformance } from '../conformance/driver-conformance.js';
import { REPO_ROOT } from '../support/cli.js';
import {
  labelledContainers,
  labelledImageTags,
  labelledNetworks,
  labelValues,
} from '../support/engine-leftovers.js';
import { startScopedEngine } from '../support/label-scoped-engine.js';
import { waitFor } from '../support/wait-for.js';

const REDIS_IMAGE = 'stagebisect/redis:local';
const REDIS_COMMAND = ['redis-server', '--protected-mode', 'no'];
const PYTHON_IMAGE = 'stagebisect/python:3.13';
const BUILT_DRIVER = `${REPO_ROOT}dist/drivers/docker/docker-driver.js`;

/** A process that opens a run, starts redis in it, says so, and then waits to be killed. */
const ABANDONING_PROCESS = `
const [driverModule, runId, image, project] = process.argv.slice(1);
const { DockerDriver } = await import(driverModule);
const signal = new AbortController().signal;
const run = await new DockerDriver().openRun(runId, signal, project || undefined);
await run.openCell('abandoned').start({ role: 'redis', image, command: ['redis-server'], env: {} }, signal);
process.stdout.write('started\\n');
setInterval(() => undefined, 60_000);
`;

/** Sends PING to a redis from this host, once: whether it answers +PONG within a second. */
function redisPing(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let answer = '';
    const done = (pong: boolean): void => {
      socket.destroy();
      resolve(pong);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.trim() === '+PONG');
    });
  });
}

const dockerHarness: ConformanceHarness = {
  server: {
    launch: { role: 'redis', image: REDIS_IMAGE, command: REDIS_COMMAND },
    port: 6379,
    readyLine: 'Ready to accept connections',
  },
  ping: redisPing,

  image: REDIS_IMAGE,
  // The texts go in as arguments of sh, never into the script: nothing in them is shell syntax.
  print: ({ stdout, stderr, exitCode }) => [
    'sh',
    '-c',
    'if [ -n "$1" ]; then echo "$1"; fi; if [ -n "$2" ]; then echo "$2" >&2; fi; exit "$3"',
    'print',
    stdout ?? '',
    stderr ?? '',
    String(exitCode),
  ],
  printEnv: (names, exitCode) => [
    'sh',
    '-c',
    `echo ${names.map((n) => `"$${n}"`).join(' ')}; exit ${exitCode}`,
  ],
  sleep: () => ['sleep', '60'],

  buildableRecipe: () => fixtureRecipe(PYTHON_IMAGE),
  failingRecipe: async () => ({
    recipe: await unknownPackageRecipe(PYTHON_IMAGE),
    outputShows: `Unable to locate package ${UNKNOWN_PACKAGE}`,
  }),

  async resources(runId) {
    const label = `${RUN_LABEL}=${runId}`;
    const volumes = (await execa('docker', ['volume', 'ls', '-q', '--filter', `label=${label}`])).stdout
      .split('\n')
      .filter(Boolean);
    return {
      containers: await labelledContainers(label),
      others: [...(await labelledNetworks(label)), ...volumes, ...(await labelledImageTags(label))],
      projects: await labelValues(label, PROJECT_LABEL),
    };
  },

  async abandonRun(runId, project) {
    const child = execa(
      'node',
      ['--input-type=module', '-e', ABANDONING_PROCESS, BUILT_DRIVER, runId, REDIS_IMAGE, project ?? ''],
      { reject: false, buffer: false },
    );
    let said = '';
    child.stdout?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    let ended = false;
    void child.finally(() => (ended = true));
    try {
      await waitFor(async () => (said.includes('started') || ended ? true : undefined), {
        timeoutMs: 60_000,
        what: 'the abandoning process to start its container',
      });
    } finally {
      child.kill('SIGKILL');
      await child;
    }
    if (!said.includes('started')) throw new Error(`the abandoning process ended without starting: ${said}`);
  },

  async scopedDriver(runIds) {
    const engine = await startScopedEngine(runIds.map((id) => `${RUN_LABEL}=${id}`));
    return {
      driver: new DockerDriver(new Docker({ socketPath: engine.socketPath })),
      close: () => engine.close(),
    };
  },
};

describe.runIf(inject('docker'))('docker', () => {
  driverConformance('docker', () => new DockerDriver(), dockerHarness);
});
