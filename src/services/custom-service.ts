// Any image with a port: ready by the probe its phase file names (tcp by default).
import { httpRequest } from '../net/http-request.js';
import { tcpProbe } from '../net/tcp-probe.js';
import type { ServiceDefinition } from './service-definition.js';

export const customService: ServiceDefinition = {
  readyTimeoutMs: 60_000,
  launch: (spec, image) => ({
    role: spec.name,
    image,
    env: { ...spec.env },
    ports: [spec.port, ...(spec.ready && 'port' in spec.ready ? [spec.ready.port] : [])],
  }),
  attributes: (spec) => ({
    url: `http://${spec.name}:${spec.port}`,
    host: spec.name,
    port: String(spec.port),
  }),
  readiness: (spec, handle) => async (remainingMs, signal) => {
    const ready = spec.ready ?? { kind: 'tcp', port: spec.port };
    const timeoutMs = Math.min(remainingMs, 2000);
    switch (ready.kind) {
      case 'tcp': {
        const outcome = await tcpProbe({ ...handle.endpoint(ready.port), timeoutMs });
        return { ready: outcome.ok, detail: outcome.ok ? `port ${ready.port} open` : outcome.error };
      }
      case 'http': {
        const attempt = await httpRequest({
          ...handle.endpoint(ready.port),
          method: 'GET',
          path: ready.path,
          timeoutMs,
          signal,
        });
        const ok = attempt.ok && attempt.answer.status < 500;
        return { ready: ok, detail: attempt.ok ? `answered ${attempt.answer.status}` : attempt.error };
      }
      case 'exec': {
        const result = await handle.exec(['sh', '-c', ready.command], { timeoutMs, signal });
        return { ready: result.exitCode === 0, detail: `exit ${result.exitCode}` };
      }
      case 'log': {
        const seen = handle.logs.text().includes(ready.text);
        return { ready: seen, detail: seen ? `logged "${ready.text}"` : `has not logged "${ready.text}"` };
      }
    }
  },
};
