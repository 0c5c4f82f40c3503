// The redis layer: a cache at REDIS_URL through ioredis, proven by a write and a read.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { Redis } from 'ioredis';
import { requireEnv, type Layer } from './layer.js';

// Fail fast: a check should see the error, not wait through reconnects.
const redis = new Redis(requireEnv('REDIS_URL'), { maxRetriesPerRequest: 1, lazyConnect: true });
const router = Router();

router.get('/health/redis', async (_request, response) => {
  const value = randomUUID();
  await redis.set('node-api:health', value, 'EX', 30);
  const read = await redis.get('node-api:health');
  response
    .status(read === value ? 200 : 500)
    .type('text/plain')
    .send(read === value ? 'ok' : 'read a different value');
});

export const layer: Layer = {
  router,
  async startup() {
    await redis.connect();
    await redis.ping();
    console.log('cache ready');
  },
};
