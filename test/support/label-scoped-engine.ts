// A view of the real engine through which a command sees only resources carrying one label: a small proxy
// of the Docker API on a unix socket that adds a label filter to every list call. `gc --all` run through
// it removes what the test made, never what concurrent tests (or people) have running on the same engine.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

/** List endpoints (with or without the API version prefix) whose `filters` the proxy narrows. */
const LIST_CALL = /^(\/v[\d.]+)?\/(containers\/json|networks|images\/json|volumes)\/?$/;

export interface ScopedEngine {
  /** DOCKER_HOST for the command that should see only the scoped resources. */
  readonly dockerHost: string;
  readonly socketPath: string;
  close(): Promise<void>;
}

function engineSocket(): string {
  const host = process.env.DOCKER_HOST;
  if (host && !host.startsWith('unix://')) {
    throw new Error(`the label-scoped engine proxies unix sockets only, not DOCKER_HOST=${host}`);
  }
  return host ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

/** Adds `label` to a Docker filters document, in either of the two forms the API accepts. */
export function narrowFilters(filters: string | null, label: string): string {
  const parsed = (filters ? JSON.parse(filters) : {}) as Record<string, string[] | Record<string, boolean>>;
  const labels = parsed.label;
  if (Array.isArray(labels)) parsed.label = [...labels, label];
  else parsed.label = { ...(labels ?? {}), [label]: true };
  return JSON.stringify(parsed);
}

export async function startScopedEngine(label: string): Promise<ScopedEngine> {
  const upstream = engineSocket();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-scoped-engine-'));
  const socketPath = path.join(dir, 'docker.sock');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://engine');
    if (req.method === 'GET' && LIST_CALL.test(url.pathname)) {
      url.searchParams.set('filters', narrowFilters(url.searchParams.get('filters'), label));
    }
    const forward = http.request(
      { socketPath: upstream, method: req.method, path: url.pathname + url.search, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `scoped engine proxy: ${error.message}` }));
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  return {
    dockerHost: `unix://${socketPath}`,
    socketPath,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
