// The OpenAI-compatible mock: ready when it answers HTTP; the app gets a base URL ending in /v1.
import { httpRequest } from '../net/http-request.js';
import type { ServiceDefinition } from './service-definition.js';

export const llmService: ServiceDefinition = {
  readyTimeoutMs: 30_000,
  launch: (spec, image, credentials) => ({
    role: spec.name,
    image,
    env: {
      PORT: String(spec.port),
      LLM_MOCK_API_KEY: credentials.apiKey,
      ...(spec.strictKey ? { LLM_MOCK_STRICT_KEY: '1' } : {}),
    },
    ports: [spec.port],
  }),
  attributes: (spec, c) => ({
    url: `http://${spec.name}:${spec.port}/v1`,
    host: spec.name,
    port: String(spec.port),
    api_key: c.apiKey,
  }),
  readiness: (spec, handle) => async (remainingMs, signal) => {
    const attempt = await httpRequest({
      ...handle.endpoint(spec.port),
      method: 'GET',
      path: '/health',
      timeoutMs: Math.min(remainingMs, 2000),
      signal,
    });
    const ready = attempt.ok && attempt.answer.status === 200;
    return { ready, detail: attempt.ok ? `answered ${attempt.answer.status}` : attempt.error };
  },
};
