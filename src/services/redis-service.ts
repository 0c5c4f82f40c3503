// Redis: ready when it answers PING with PONG from outside its container.
import { tcpProbe } from '../net/tcp-probe.js';
import type { ServiceDefinition } from './service-definition.js';

export const redisService: ServiceDefinition = {
  versionArgv: ['redis-server', '--version'],
  readyTimeoutMs: 30_000,
  launch: (spec, image) => ({
    role: spec.name,
    image,
    command: ['redis-server', '--protected-mode', 'no', '--save', '', '--appendonly', 'no'],
    env: {},
    ports: [spec.port],
  }),
  attributes: (spec) => ({
    url: `redis://${spec.name}:${spec.port}/0`,
    host: spec.name,
    port: String(spec.port),
  }),
  readiness: (spec, handle) => async (remainingMs) => {
    const outcome = await tcpProbe({
      ...handle.endpoint(spec.port),
      timeoutMs: Math.min(remainingMs, 2000),
      send: 'PING\r\n',
      expect: '+PONG',
    });
    return { ready: outcome.ok, detail: outcome.ok ? 'answered PONG' : outcome.error };
  },
};
