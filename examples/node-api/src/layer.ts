// What each layer module exports: its routes, and what it must do before the server takes requests.
import type { Router } from 'express';

export interface Layer {
  readonly router: Router;
  readonly startup?: () => Promise<void>;
}

/** A required setting: the layer cannot work without it, so say so at start-up, naming it. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
