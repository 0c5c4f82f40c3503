// The HTTP server: the health layer always, every other layer when its phase sets the layer's flag.
// A layer's module is imported only then, so an earlier phase starts without the later layers' packages.
import express from 'express';
import { health } from './health.js';
import type { Layer } from './layer.js';

// flag -> compiled module, in the order the phases add them
const LAYERS: Readonly<Record<string, string>> = {
  FEATURE_DB: './db.js',
  FEATURE_REDIS: './cache.js',
  FEATURE_AUTH: './auth.js',
  FEATURE_LLM: './llm.js',
};

const app = express();
app.use(express.json());
app.use(health.router);
for (const [flag, path] of Object.entries(LAYERS)) {
  if (process.env[flag] !== '1') continue;
  const layer = ((await import(path)) as { layer: Layer }).layer;
  await layer.startup?.();
  app.use(layer.router);
}

const port = Number(process.env.PORT ?? 3000);
app.listen(port, '0.0.0.0', () => console.log(`node-api listening on ${port}`));
