// The tcp check against a real listening socket on 127.0.0.1, with a fake container standing for the app.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tcpCheck } from '../../../src/checks/tcp-check.js';
import type { TcpCheckSpec } from '../../../src/model.js';
import { checkContext } from '../../support/check-context.js';
import { FakeClock } from '../../support/fake-clock.js';

const servers: net.Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(): Promise<number> {
  const server = net.createServer((socket) => socket.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function spec(port: number, timeoutMs = 30_000): TcpCheckSpec {
  return {
    kind: 'tcp',
    port,
    timeoutMs,
    label: `tcp ${port}`,
    phase: 'health',
    position: { file: 'phases/10-health.yaml', line: 4, column: 5 },
  };
}

describe('tcp check', () => {
  it('passes when the port accepts a connection', async () => {
    const port = await listen();
    const outcome = await tcpCheck.run(spec(port), checkContext({ address: '127.0.0.1' }, new FakeClock()));
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toBe(`port ${port} accepted a connection`);
    expect(typeof outcome.evidence.latencyMs).toBe('number');
  });

  it('fails at once with the exit code when the app exits before its port opens', async () => {
    const port = await closedPort();
    const clock = new FakeClock();
    const outcome = await tcpCheck.run(
      spec(port),
      checkContext({ address: '127.0.0.1', exit: { code: 137, afterMs: 100, oomKilled: true } }, clock),
    );
    expect(outcome).toMatchObject({
      status: 'fail',
      message: `the app exited with code 137 before it answered on port ${port}`,
      evidence: { exitCode: 137, oomKilled: true },
    });
    expect(clock.now()).toBeLessThan(1000);
  });

  it('fails with the loopback address when the app listens only there', async () => {
    const port = await closedPort();
    const outcome = await tcpCheck.run(
      spec(port),
      checkContext({ address: '127.0.0.1', listening: [{ address: '::1', port }] }, new FakeClock()),
    );
    expect(outcome).toMatchObject({
      status: 'fail',
      evidence: { bound: `[::1]:${port}`, reason: 'loopback-only' },
    });
  });

  it('times out when a running app never opens its port', async () => {
    const port = await closedPort();
    const outcome = await tcpCheck.run(
      spec(port, 500),
      checkContext({ address: '127.0.0.1' }, new FakeClock()),
    );
    expect(outcome.status).toBe('fail');
    // The wording depends on how the last attempt, given 1 ms, ends: refused or timed out (see the report).
    expect(outcome.message).toMatch(new RegExp(`port ${port} .*within 500 ms`));
    expect(outcome.evidence).toMatchObject({ timedOut: true, containerRunning: true, port });
  });
});
