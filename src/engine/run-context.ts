// What running cells needs from outside: the driver, images, time, cancellation and a place to report.
import type { Driver, RunScope } from '../drivers/driver.js';
import type { Runtime, ServiceSpec } from '../model.js';
import type { Credentials } from '../services/service-definition.js';
import type { Clock } from '../timing/clock.js';
import type { EventSink } from './events.js';

/** Makes the images a cell needs present, pulling or building them, and names them. */
export interface ImageProvider {
  runtimeImage(runtime: Runtime, onLine: (line: string) => void, signal: AbortSignal): Promise<string>;
  serviceImage(service: ServiceSpec, onLine: (line: string) => void, signal: AbortSignal): Promise<string>;
}

export interface RunContext {
  readonly driver: Driver;
  readonly scope: RunScope;
  readonly images: ImageProvider;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly emit: EventSink;
  readonly hostEnv: Readonly<Record<string, string | undefined>>;
  /** Made up once per run: service passwords and keys. */
  readonly credentials: Credentials;
  /** The value of `${random.secret}` in this run. */
  readonly randomSecret: string;
}
