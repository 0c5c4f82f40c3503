// The health layer: the one route every phase answers.
import { Router } from 'express';
import type { Layer } from './layer.js';

const router = Router();
router.get('/health', (_request, response) => {
  response.type('text/plain').send('ok');
});

export const health: Layer = { router };
