// One HTTP request from the host with a hard deadline, measuring how long the answer took.
import http from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  readonly latencyMs: number;
}

export type HttpAttempt =
  | { readonly ok: true; readonly answer: HttpAnswer }
  | { readonly ok: false; readonly error: string; readonly code: string; readonly latencyMs: number };

export interface HttpRequest {
  readonly host: string;
  readonly port: number;
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** The code of a request the app accepted but never answered in time. */
export const NO_ANSWER = 'ENOANSWER';

/** Bodies are kept for evidence only; a large one is cut. */
const MAX_BODY = 64 * 1024;

export function httpRequest(request: HttpRequest): Promise<HttpAttempt> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: request.host,
        port: request.port,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, connection: 'close' },
        timeout: request.timeoutMs,
        ...(request.signal ? { signal: request.signal } : {}),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < MAX_BODY) body += chunk;
        });
        res.on('end', () =>
          resolve({
            ok: true,
            answer: { status: res.statusCode ?? 0, body: body.slice(0, MAX_BODY), latencyMs: elapsed() },
          }),
        );
        res.on('error', (error) =>
          resolve({ ok: false, error: error.message, code: 'ERESPONSE', latencyMs: elapsed() }),
        );
      },
    );
    // A timeout after the connection opened is an app that took the request and never answered
    // (ENOANSWER); before it, nothing accepted the connection (ETIMEDOUT).
    let connected = false;
    req.on('socket', (socket) => socket.once('connect', () => (connected = true)));
    req.on('timeout', () =>
      req.destroy(
        Object.assign(new Error(`no answer within ${request.timeoutMs} ms`), {
          code: connected ? NO_ANSWER : 'ETIMEDOUT',
        }),
      ),
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, error: error.message, code: error.code ?? 'EUNKNOWN', latencyMs: elapsed() }),
    );
    req.end(request.body);
  });
}
