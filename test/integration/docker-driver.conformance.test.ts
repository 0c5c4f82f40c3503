// The Docker driver against the shared Driver conformance suite, on the real engine.
import Docker from 'dockerode';
import { execa } from 'execa';
import { describe, inject } from 'vitest';
import { DockerDriver } from '../../src/drivers/docker/docker-driver.js';
import { driverConformance, type ConformanceHarness } from '../conformance/driver-conformance.js';
import { REPO_ROOT } from '../support/cli.js';
import { labelledContainers, labelledImageTags, labelledNetworks } from '../support/engine-leftovers.js';
import { startScopedEngine } from '../support/label-scoped-engine.js';
import { waitFor } from '../support/wait-for.js';

const REDIS_IMAGE = 'stagebisect/redis:local';
const BUILT_DRIVER = `${REPO_ROOT}dist/drivers/docker/docker-driver.js`;

/** A process that opens a run, starts redis in it, says so, and then waits to be killed. */
const ABANDONING_PROCESS = `
const [driverModule, runId, image] = process.argv.slice(1);
const { DockerDriver } = await import(driverModule);
const signal = new AbortController().signal;
const run = await new DockerDriver().openRun(runId, signal);
await run.openCell('abandoned').start({ role: 'redis', image, command: ['redis-server'], env: {} }, signal);
process.stdout.write('started\\n');
setInterval(() => undefined, 60_000);
`;

const dockerHarness: ConformanceHarness = {
  pythonImage: 'stagebisect/python:3.13',
  redisImage: REDIS_IMAGE,

  async resources(runId) {
    const label = `stagebisect.run=${runId}`;
    const volumes = (await execa('docker', ['volume', 'ls', '-q', '--filter', `label=${label}`])).stdout
      .split('\n')
      .filter(Boolean);
    return {
      containers: await labelledContainers(label),
      others: [...(await labelledNetworks(label)), ...volumes, ...(await labelledImageTags(label))],
    };
  },

  async abandonRun(runId) {
    const child = execa(
      'node',
      ['--input-type=module', '-e', ABANDONING_PROCESS, BUILT_DRIVER, runId, REDIS_IMAGE],
      {
        reject: false,
        buffer: false,
      },
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

  async scopedDriver(runId) {
    const engine = await startScopedEngine(`stagebisect.run=${runId}`);
    return {
      driver: new DockerDriver(new Docker({ socketPath: engine.socketPath })),
      close: () => engine.close(),
    };
  },
};

describe.runIf(inject('docker'))('docker', () => {
  driverConformance('docker', () => new DockerDriver(), dockerHarness);
});
