// A remote engine (DOCKER_HOST=tcp://host:port), as the docker CLI's users have one: a network namespace
// stands for the other machine's neighbour. It reaches the engine only through a TCP port on the host's side
// of a veth pair and cannot route to the engine's bridge networks, so every check and readiness probe must
// go through ports published on the engine's host.
import net from 'node:net';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLI_BIN } from '../support/cli.js';
import { RunLedger } from '../support/engine-leftovers.js';
import { configOf, copyFixture, removeTempProjects } from '../support/temp-project.js';

const inCi = process.env.CI === 'true' || process.env.CI === '1';
const isRoot = process.getuid?.() === 0;
if (!isRoot) {
  process.stderr.write('\n!!! REMOTE ENGINE TEST SKIPPED: it needs root to make a network namespace !!!\n\n');
  if (inCi) throw new Error('CI=true but not root: the remote engine test cannot run');
}

const SUFFIX = (process.pid % 10_000).toString();
const NS = `sbremote${SUFFIX}`;
const HOST_SIDE = `sbh${SUFFIX}`;
const NS_SIDE = `sbn${SUFFIX}`;
const SUBNET = 200 + (process.pid % 50);
const ENGINE_IP = `10.213.${SUBNET}.1`;
const ENGINE_PORT = 2375;

const ip = (...args: string[]) => execa('ip', args);

describe.runIf(inject('docker') && isRoot)('a remote engine (DOCKER_HOST=tcp://…)', () => {
  const ledger = new RunLedger();
  let proxy: net.Server;

  beforeAll(async () => {
    await ip('netns', 'add', NS);
    await ip('link', 'add', HOST_SIDE, 'type', 'veth', 'peer', 'name', NS_SIDE);
    await ip('link', 'set', NS_SIDE, 'netns', NS);
    await ip('addr', 'add', `${ENGINE_IP}/30`, 'dev', HOST_SIDE);
    await ip('link', 'set', HOST_SIDE, 'up');
    await ip('netns', 'exec', NS, 'ip', 'addr', 'add', `10.213.${SUBNET}.2/30`, 'dev', NS_SIDE);
    await ip('netns', 'exec', NS, 'ip', 'link', 'set', NS_SIDE, 'up');
    await ip('netns', 'exec', NS, 'ip', 'link', 'set', 'lo', 'up');
    // The engine's API on a TCP port of "its" machine, as `dockerd -H tcp://…` would serve it.
    proxy = net.createServer((client) => {
      const engine = net.connect('/var/run/docker.sock');
      client.pipe(engine).pipe(client);
      client.on('error', () => engine.destroy());
      engine.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(ENGINE_PORT, ENGINE_IP, resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => proxy?.close(resolve));
    await execa('ip', ['netns', 'del', NS], { reject: false });
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it('cannot route to the bridge networks from the other machine: only published ports can answer', async () => {
    const route = await execa('ip', ['netns', 'exec', NS, 'ip', 'route', 'get', '172.17.0.2'], {
      reject: false,
    });
    expect(route.exitCode).not.toBe(0);
    expect(route.stderr).toMatch(/unreachable/i);
  });

  it(
    'runs a phase with services whose checks and readiness probes reach them through published ports',
    { timeout: 300_000 },
    async () => {
      const dir = await copyFixture('services');
      const child = execa(
        'ip',
        ['netns', 'exec', NS, 'node', CLI_BIN, 'run', '--config', configOf(dir), '--json'],
        {
          reject: false,
          env: { DOCKER_HOST: `tcp://${ENGINE_IP}:${ENGINE_PORT}`, CI: 'true' },
          extendEnv: true,
        },
      );
      // `ip netns exec` becomes the CLI process: its pid labels what the run made.
      ledger.record({ pid: child.pid ?? -1 });
      const run = await child;
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
      const verdict = JSON.parse(run.stdout).verdict;
      expect(verdict.status).toBe('pass');
      expect(verdict.checks.length).toBeGreaterThan(0);
      expect(verdict.checks.every((c: { status: string }) => c.status === 'pass')).toBe(true);
    },
  );
});
