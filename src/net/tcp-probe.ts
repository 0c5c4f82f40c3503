// A TCP connection from the host, optionally saying something and expecting an answer (redis: PING).
import net from 'node:net';

export interface TcpProbe {
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  /** Written once connected. */
  readonly send?: string;
  /** The answer must start with this. */
  readonly expect?: string;
  /** Gives up at once when it aborts. */
  readonly signal?: AbortSignal;
}

export type TcpOutcome =
  | { readonly ok: true; readonly latencyMs: number }
  | { readonly ok: false; readonly error: string; readonly code: string };

export function tcpProbe(probe: TcpProbe): Promise<TcpOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let received = '';
    const socket = net.connect({ host: probe.host, port: probe.port });
    const onAbort = (): void => finish({ ok: false, error: 'aborted', code: 'ABORT_ERR' });
    const finish = (outcome: TcpOutcome): void => {
      probe.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(outcome);
    };
    if (probe.signal?.aborted) return onAbort();
    probe.signal?.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(probe.timeoutMs, () =>
      finish({ ok: false, error: `no answer within ${probe.timeoutMs} ms`, code: 'ETIMEDOUT' }),
    );
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, error: error.message, code: error.code ?? 'EUNKNOWN' }),
    );
    socket.on('connect', () => {
      if (probe.send === undefined) return finish({ ok: true, latencyMs: performance.now() - started });
      socket.write(probe.send);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      if (probe.expect === undefined || received.length < probe.expect.length) return;
      finish(
        received.startsWith(probe.expect)
          ? { ok: true, latencyMs: performance.now() - started }
          : { ok: false, error: `answered ${JSON.stringify(received.slice(0, 80))}`, code: 'EANSWER' },
      );
    });
    socket.on('end', () => finish({ ok: false, error: 'closed the connection', code: 'ECLOSED' }));
  });
}
