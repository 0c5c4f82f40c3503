// What running cells needs from outside: the driver, images, host inputs, time, cancellation, reporting.
import type { Driver, RunScope } from '../drivers/driver.js';
import type { Cell, Runtime, ServiceSpec } from '../model.js';
import type { GitState } from '../drivers/git-work-tree.js';
import type { ContextReadRequest, ContextSelection } from '../recipes/read-context.js';
import type { ImageRef } from '../recipes/recipe.js';
import type { Credentials } from '../services/service-definition.js';
import type { DependencyTree } from '../stacks/stack.js';
import type { Clock } from '../timing/clock.js';
import type { EventSink } from './events.js';
import type { SnapshotSink } from './snapshot-sink.js';

/** Makes the images a cell needs present, pulling or building them, and names them by tag and id. */
export interface ImageProvider {
  runtimeImage(runtime: Runtime, onLine: (line: string) => void, signal: AbortSignal): Promise<ImageRef>;
  serviceImage(service: ServiceSpec, onLine: (line: string) => void, signal: AbortSignal): Promise<ImageRef>;
}

/** A dependency tree could not be made: the project's problem (npm refused), reported like a failed build. */
export interface DependencyFailure {
  readonly message: string;
  readonly output: readonly string[];
}

/** What only the host can tell about a cell before its recipe is made. */
export interface HostInputs {
  /**
   * The context files a cell's image reads, hashed, with warnings about files left out (untracked by git).
   * Throws ContextReadError when they cannot be read as asked.
   */
  contextFiles(request: ContextReadRequest): Promise<ContextSelection>;
  /** The node dependency tree a cell's image gets, made on the host; undefined when it has none. */
  nodeTree(
    cell: Cell,
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<DependencyTree | DependencyFailure | undefined>;
  /** The commit and dirty flag of the context's git work tree, for snapshots; undefined outside one. */
  gitState(contextDir: string): Promise<GitState | undefined>;
}

export interface RunContext {
  readonly driver: Driver;
  readonly scope: RunScope;
  readonly images: ImageProvider;
  readonly host: HostInputs;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly emit: EventSink;
  readonly hostEnv: Readonly<Record<string, string | undefined>>;
  /** Made up once per run: service passwords and keys. */
  readonly credentials: Credentials;
  /** The value of `${random.secret}` in this run. */
  readonly randomSecret: string;
  /** Where passing cells keep their snapshots; without one, none is taken (and nothing is probed). */
  readonly snapshots?: SnapshotSink;
}
