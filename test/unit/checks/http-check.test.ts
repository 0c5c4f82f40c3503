// The http check against a real server on 127.0.0.1, with a fake container standing for the app.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpCheck } from '../../../src/checks/http-check.js';
import type { HttpCheckSpec } from '../../../src/model.js';
import { checkContext } from '../../support/check-context.js';
import { FakeClock } from '../../support/fake-clock.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

const servers: http.Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server on 127.0.0.1 that answers the n-th request (0-based) with `answer(n)`. */
async function serve(answer: (n: number) => { status: number; body: string; delayMs?: number }) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const reply = answer(seen.length);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const send = (): void => void res.writeHead(reply.status).end(reply.body);
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function spec(
  port: number,
  expect: HttpCheckSpec['expect'],
  extra: Partial<HttpCheckSpec> = {},
): HttpCheckSpec {
  return {
    kind: 'http',
    method: 'GET',
    path: '/health',
    port,
    headers: {},
    expect,
    timeoutMs: 30_000,
    label: 'http GET /health',
    phase: 'health',
    position: { file: 'phases/10-health.yaml', line: 5, column: 5 },
    ...extra,
  };
}

describe('http check', () => {
  it('passes when the status is the expected one and the body has the expected text', async () => {
    const { port, seen } = await serve(() => ({ status: 200, body: '{"status":"ok"}' }));
    const outcome = await httpCheck.run(
      spec(port, { status: 200, body: 'ok' }),
      checkContext({ address: '127.0.0.1' }, new FakeClock()),
    );
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toMatch(/^answered 200 in \d+ ms$/);
    expect(outcome.evidence).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /health']);
  });

  it('fails on another status, with the status as evidence', async () => {
    const { port } = await serve(() => ({ status: 404, body: 'Not Found' }));
    const outcome = await httpCheck.run(
      spec(port, { status: 200 }),
      checkContext({ address: '127.0.0.1' }, new FakeClock()),
    );
    expect(outcome).toMatchObject({
      status: 'fail',
      message: 'answered 404, expected 200',
      evidence: { status: 404, body: 'Not Found' },
    });
  });

  it('fails when the body lacks the expected text', async () => {
    const { port } = await serve(() => ({ status: 200, body: 'degraded' }));
    const outcome = await httpCheck.run(
      spec(port, { status: 200, body: 'ok' }),
      checkContext({ address: '127.0.0.1' }, new FakeClock()),
    );
    expect(outcome).toMatchObject({ status: 'fail', message: 'answered 200 without "ok" in its body' });
  });

  it('fails an answer slower than within_ms, with the measured latency', async () => {
    const { port } = await serve(() => ({ status: 200, body: 'ok', delayMs: 80 }));
    const outcome = await httpCheck.run(
      spec(port, { status: 200, withinMs: 20 }),
      checkContext({ address: '127.0.0.1' }, new FakeClock()),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(/^answered in \d+ ms, expected within 20 ms$/);
    expect(outcome.evidence.latencyMs).toBeGreaterThanOrEqual(70);
    expect(outcome.evidence.withinMs).toBe(20);
  });

  it('asks again after 503 while the app warms up, and passes on the 200 that follows', async () => {
    const { port, seen } = await serve((n) =>
      n < 2 ? { status: 503, body: 'starting' } : { status: 200, body: 'ok' },
    );
    const outcome = await httpCheck.run(
      spec(port, { status: 200 }),
      checkContext({ address: '127.0.0.1' }, new FakeClock()),
    );
    expect(outcome.status).toBe('pass');
    expect(seen).toHaveLength(3);
  });

  it('judges the last 503 when the app never gets past it before the deadline', async () => {
    const { port } = await serve(() => ({ status: 503, body: 'starting' }));
    const clock = new FakeClock();
    const outcome = await httpCheck.run(
      spec(port, { status: 200 }, { timeoutMs: 500 }),
      checkContext({ address: '127.0.0.1' }, clock),
    );
    expect(outcome).toMatchObject({
      status: 'fail',
      message: 'answered 503, expected 200',
      evidence: { status: 503 },
    });
    expect(clock.now()).toBeGreaterThanOrEqual(500);
  });

  it('passes at once on a 503 when 503 is what the check expects', async () => {
    const { port, seen } = await serve(() => ({ status: 503, body: 'maintenance' }));
    const outcome = await httpCheck.run(
      spec(port, { status: 503 }),
      checkContext({ address: '127.0.0.1' }, new FakeClock()),
    );
    expect(outcome.status).toBe('pass');
    expect(seen).toHaveLength(1);
  });

  it('sends the method, path, headers and body the check declares', async () => {
    const { port, seen } = await serve(() => ({ status: 200, body: '{"access_token":"x"}' }));
    const post = spec(
      port,
      { status: 200, body: 'access_token' },
      {
        method: 'POST',
        path: '/auth/token',
        headers: { 'content-type': 'application/json' },
        requestBody: '{"username":"demo"}',
      },
    );
    const outcome = await httpCheck.run(post, checkContext({ address: '127.0.0.1' }, new FakeClock()));
    expect(outcome.status).toBe('pass');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/auth/token', body: '{"username":"demo"}' });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
  });

  it('fails at once with the exit code when the app exits while its port refuses connections', async () => {
    const port = await closedPort();
    const clock = new FakeClock();
    const context = checkContext({ address: '127.0.0.1', exit: { code: 3, afterMs: 200 } }, clock);
    const outcome = await httpCheck.run(spec(port, { status: 200 }), context);
    expect(outcome).toMatchObject({
      status: 'fail',
      message: `the app exited with code 3 before it answered on port ${port}`,
      evidence: { exitCode: 3, oomKilled: false },
    });
    expect(clock.now()).toBeGreaterThanOrEqual(200);
    expect(clock.now()).toBeLessThan(1000);
  });

  it('fails early, naming the address, when the app listens on loopback only', async () => {
    const port = await closedPort();
    const clock = new FakeClock();
    const context = checkContext(
      { address: '127.0.0.1', listening: [{ address: '127.0.0.1', port }] },
      clock,
    );
    const outcome = await httpCheck.run(spec(port, { status: 200 }), context);
    expect(outcome).toMatchObject({
      status: 'fail',
      message: `the app listens on 127.0.0.1:${port} only, which no other host can reach`,
      evidence: { bound: `127.0.0.1:${port}`, reason: 'loopback-only', port },
    });
    expect(clock.now()).toBeLessThan(1000);
  });

  it('gives an app that listens on another port a grace period, then names where it listens', async () => {
    const port = await closedPort();
    const clock = new FakeClock();
    const context = checkContext(
      { address: '127.0.0.1', listening: [{ address: '0.0.0.0', port: 5000 }] },
      clock,
    );
    const outcome = await httpCheck.run(spec(port, { status: 200 }), context);
    expect(outcome).toMatchObject({
      status: 'fail',
      message: `the app listens on 0.0.0.0:5000, not on port ${port}`,
      evidence: { bound: '0.0.0.0:5000', reason: 'other-port' },
    });
    expect(clock.now()).toBeGreaterThanOrEqual(3000);
    expect(clock.now()).toBeLessThan(5000);
  });

  it('times out with the app still running when its port never opens', async () => {
    const port = await closedPort();
    const clock = new FakeClock();
    const outcome = await httpCheck.run(
      spec(port, { status: 200 }, { timeoutMs: 1000 }),
      checkContext({ address: '127.0.0.1' }, clock),
    );
    expect(outcome.status).toBe('fail');
    // The wording depends on how the last attempt, given 1 ms, ends: refused or timed out (see the report).
    expect(outcome.message).toMatch(new RegExp(`port ${port} .*within 1000 ms`));
    expect(outcome.evidence).toMatchObject({ timedOut: true, containerRunning: true, port });
    expect(clock.now()).toBe(1000);
  });

  it('times out, saying it connected, when the app accepts connections but never answers', async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const outcome = await httpCheck.run(
        spec(port, { status: 200 }, { timeoutMs: 50 }),
        checkContext({ address: '127.0.0.1' }, new FakeClock()),
      );
      expect(outcome.message).toBe(
        `connected to port ${port} but got no answer within 50 ms while the app kept running`,
      );
      expect(outcome.evidence).toMatchObject({ timedOut: true, connected: true, containerRunning: true });
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
