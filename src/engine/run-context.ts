// What running cells needs from outside: the driver, images, host inputs, time, cancellation, reporting.
import type { DependencyResolution } from '../dependencies/resolve-dependencies.js';
import type { Driver, RunScope } from '../drivers/driver.js';
import type { Cell, Runtime, ServiceSpec } from '../model.js';
import type { GitState } from '../drivers/git-work-tree.js';
import type { ContextReadRequest, ContextSelection } from '../recipes/read-context.js';
import type { ImageRef } from '../recipes/recipe.js';
import type { Credentials } from '../services/service-definition.js';
import type { Clock } from '../timing/clock.js';
import type { EventSink } from './events.js';
import type { SnapshotSink } from './snapshot-sink.js';

/** Makes the images a cell needs present, pulling or building them, and names them by tag and id. */
export interface ImageProvider {
  runtimeImage(runtime: Runtime, onLine: (line: string) => void, signal: AbortSignal): Promise<ImageRef>;
  serviceImage(service: ServiceSpec, onLine: (line: string) => void, signal: AbortSignal): Promise<ImageRef>;
  /** The exact Node version a node runtime image runs, e.g. `22.23.5`. */
  nodeVersion(image: ImageRef, signal: AbortSignal): Promise<string>;
  /**
   * A dependency tree resolved on the host (`dir` holds node_modules/ and package-lock.json) as an image of
   * its own, made present once per tree hash: phase images copy node_modules from it.
   */
  dependencyImage(
    project: string,
    tree: { readonly hash: string; readonly dir: string },
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<ImageRef>;
}

/** What only the host can tell about a cell before its recipe is made. */
export interface HostInputs {
  /**
   * The context files a cell's image reads, hashed, with warnings about files left out (untracked by git).
   * Throws ContextReadError when they cannot be read as asked.
   */
  contextFiles(request: ContextReadRequest): Promise<ContextSelection>;
  /**
   * The node dependency tree a cell's image gets, resolved on the host for its exact Node version: a tree,
   * the project's failure (npm would refuse it), or undefined when the cell has no dependencies at all.
   */
  nodeTree(
    cell: Cell,
    nodeVersion: string,
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<DependencyResolution | undefined>;
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
