// How one kind of service starts, what an app is told about it, and when it is really ready.
import type { ContainerHandle, ContainerLaunch } from '../drivers/driver.js';
import type { ServiceSpec } from '../model.js';

/** Credentials made up for one run: random, never written anywhere but the containers' env. */
export interface Credentials {
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly apiKey: string;
}

/** One attempt at proving readiness; `detail` says what was seen either way. */
export type ReadinessAttempt = (
  remainingMs: number,
  signal: AbortSignal,
) => Promise<{ ready: boolean; detail: string }>;

export interface ServiceDefinition {
  launch(spec: ServiceSpec, image: string, credentials: Credentials): ContainerLaunch;
  /** What `${services.NAME.ATTR}` resolves to, with host names of the run's network. */
  attributes(spec: ServiceSpec, credentials: Credentials): Record<string, string>;
  readiness(spec: ServiceSpec, handle: ContainerHandle, credentials: Credentials): ReadinessAttempt;
  /** How long a service of this kind may take to become ready. */
  readonly readyTimeoutMs: number;
  /** argv run in the ready service that prints its version (a snapshot records it); absent: none. */
  readonly versionArgv?: readonly string[];
}
