// A view of the real engine through which a command sees only resources carrying one of a few labels: a
// small proxy of the Docker API on a unix socket that drops from every list answer what carries none of
// them. `gc --all` run through it removes what the test made, never what concurrent tests (or people)
// have running on the same engine.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

/** List endpoints (with or without the API version prefix) whose answers the proxy narrows. */
const LIST_CALL = /^(\/v[\d.]+)?\/(containers\/json|networks|images\/json|volumes)\/?$/;

type Labels = Readonly<Record<string, string>> | null | undefined;

/** Whether `labels` carry one of `wanted`, each `key=value` or a bare `key`. */
function carriesAny(labels: Labels, wanted: readonly string[]): boolean {
  return wanted.some((label) => {
    const at = label.indexOf('=');
    const key = at < 0 ? label : label.slice(0, at);
    return labels?.[key] !== undefined && (at < 0 || labels[key] === label.slice(at + 1));
  });
}

/** A list answer (an array, or volumes' `{ Volumes }`) without the resources that carry none of `wanted`. */
function narrowList(answer: unknown, wanted: readonly string[]): unknown {
  const keep = (items: { Labels?: Labels }[]) => items.filter((item) => carriesAny(item.Labels, wanted));
  if (Array.isArray(answer)) return keep(answer);
  const volumes = (answer as { Volumes?: { Labels?: Labels }[] | null } | null)?.Volumes;
  return Array.isArray(volumes) ? { ...(answer as object), Volumes: keep(volumes) } : answer;
}

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

/** Sends a narrowed list answer on, with the length of what is left. */
function relayNarrowed(
  answer: http.IncomingMessage,
  res: http.ServerResponse,
  wanted: readonly string[],
): void {
  const chunks: Buffer[] = [];
  answer.on('data', (chunk: Buffer) => chunks.push(chunk));
  answer.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const body = answer.statusCode === 200 ? JSON.stringify(narrowList(JSON.parse(text), wanted)) : text;
    const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
    delete headers['transfer-encoding'];
    res.writeHead(answer.statusCode ?? 502, headers);
    res.end(body);
  });
}

/** `labels`: `key=value` or `key`; a resource is seen when it carries any one of them. */
export async function startScopedEngine(labels: string | readonly string[]): Promise<ScopedEngine> {
  const wanted = typeof labels === 'string' ? [labels] : labels;
  const upstream = engineSocket();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-scoped-engine-'));
  const socketPath = path.join(dir, 'docker.sock');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://engine');
    const isList = req.method === 'GET' && LIST_CALL.test(url.pathname);
    const forward = http.request(
      { socketPath: upstream, method: req.method, path: url.pathname + url.search, headers: req.headers },
      (answer) => {
        if (isList) return relayNarrowed(answer, res, wanted);
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
