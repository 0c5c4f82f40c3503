// The contract between the engine and whatever runs the containers (Docker now, host processes later).
import type { ExitInfo, ListeningSocket } from '../model.js';
import type { CellRecipe } from '../recipes/recipe.js';
import type { LogBuffer } from './log-buffer.js';

/** Labels every resource of a run carries, so that a crashed run's leftovers can be found. */
export const RUN_LABEL = 'stagebisect.run';
export const PID_LABEL = 'stagebisect.pid';
export const HOST_LABEL = 'stagebisect.host';
export const STARTED_LABEL = 'stagebisect.started';
/** The project a run, a container or an image belongs to, so runs of several projects are told apart. */
export const PROJECT_LABEL = 'stagebisect.project';
/** An app image's cell key: the recipe it was built from. */
export const KEY_LABEL = 'stagebisect.key';
/** Marks images made by `images build`, which outlive runs on purpose. */
export const IMAGE_LABEL = 'stagebisect.image';
export const RECIPE_LABEL = 'stagebisect.recipe';
/**
 * Marks what `gc --cache` prunes: `layer` on every layer of app images (the engine's build cache), `deps`
 * on the dependency-tree images phase images copy node_modules from.
 */
export const CACHE_LABEL = 'stagebisect.cache';

export interface EngineInfo {
  readonly name: string;
  readonly version: string;
  readonly apiVersion: string;
}

export interface ImageInfo {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** What the image store needs to build an image from a Dockerfile and a few files. */
export interface ImageBuildRequest {
  readonly tag: string;
  readonly dockerfile: string;
  /** Files of the build context, by relative path. */
  readonly files: ReadonlyMap<string, Buffer | { readonly path: string; readonly mode?: number }>;
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

export type BuildOutcome =
  | { readonly ok: true; readonly imageId: string; readonly output: readonly string[] }
  | { readonly ok: false; readonly message: string; readonly output: readonly string[] };

/** Named images: what exists, pulling, building and importing them. */
export interface ImageStore {
  inspect(ref: string): Promise<ImageInfo | undefined>;
  /** Pulls with progress lines. Throws InfraError('pull-failed') when the registry refuses. */
  pull(ref: string, onProgress: (line: string) => void, signal: AbortSignal): Promise<void>;
  build(
    request: ImageBuildRequest,
    onOutput: (line: string) => void,
    signal: AbortSignal,
  ): Promise<BuildOutcome>;
  /** Imports a root file system tar stream as an image. */
  importRootfs(
    tar: NodeJS.ReadableStream,
    ref: string,
    labels: Readonly<Record<string, string>>,
    signal: AbortSignal,
  ): Promise<void>;
  /** Runs a command in a throwaway container of `ref` and returns what it printed. */
  probe(
    ref: string,
    argv: readonly string[],
    signal: AbortSignal,
  ): Promise<{ exitCode: number; output: string }>;
  remove(ref: string): Promise<void>;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly output: string;
  readonly timedOut: boolean;
}

export interface ExecOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** A long-running container (the app or a service) as the engine and the checks see it. */
/** Where the host connects to one port of a container. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export interface ContainerHandle {
  readonly id: string;
  /** The container's own address on its network (what its sockets are bound against). */
  readonly address: string;
  /**
   * Where this host reaches `port` of the container, as a host's router would: the container's address on
   * a local engine, the engine's host and a published port on a remote one (DOCKER_HOST=ssh://, tcp://).
   */
  endpoint(port: number): Endpoint;
  /** Everything it printed, demultiplexed, as it arrives. */
  readonly logs: LogBuffer;
  /** Resolves when it exits, with the exit code and whether the kernel killed it for memory. */
  readonly exited: Promise<ExitInfo>;
  /** Set once it has exited. */
  exitInfo(): ExitInfo | undefined;
  exec(argv: readonly string[], options: ExecOptions): Promise<ExecResult>;
  /** TCP sockets it listens on, as the kernel sees them inside its network namespace. */
  listeningSockets(signal: AbortSignal): Promise<ListeningSocket[]>;
}

export interface ContainerLaunch {
  /** Short role, e.g. `app` or `postgres`; becomes the host name on the run's network. */
  readonly role: string;
  readonly image: string;
  /** argv; when absent the image's own command runs. */
  readonly command?: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly memoryBytes?: number;
  /** Ports this host will connect to: published when the engine is remote. */
  readonly ports?: readonly number[];
}

export interface OneShotResult {
  readonly exitCode: number;
  readonly oomKilled: boolean;
  readonly output: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

export type AppBuild =
  | { readonly ok: true; readonly image: string; readonly output: readonly string[] }
  | { readonly ok: false; readonly message: string; readonly output: readonly string[] };

/** Resources of one cell: freed by dispose() whatever happened. */
export interface CellScope {
  /**
   * Builds the cell's app image from its recipe, exactly as the recipe says: the driver adds nothing of a
   * stack's. A failing build step is the app's failure, not an error.
   */
  buildApp(recipe: CellRecipe, onOutput: (line: string) => void, signal: AbortSignal): Promise<AppBuild>;
  start(launch: ContainerLaunch, signal: AbortSignal): Promise<ContainerHandle>;
  /** Runs a command to completion in a fresh container (import and exit checks). */
  runOnce(launch: ContainerLaunch, timeoutMs: number, signal: AbortSignal): Promise<OneShotResult>;
  dispose(): Promise<void>;
}

/** What a cell will ask of its scope, so the driver makes only what is needed. */
export interface CellNeeds {
  /** Services run beside the app and are reached by their names. */
  readonly services: boolean;
}

/** Resources of one run (its private network); close() removes everything the run created. */
export interface RunScope {
  readonly runId: string;
  /** `needs.services`: the cell starts services the app reaches by name (the default). */
  openCell(name: string, needs?: CellNeeds): CellScope;
  close(): Promise<void>;
}

export interface GcOptions {
  readonly all: boolean;
  readonly cache?: boolean;
  readonly project?: string;
}

export interface GcReport {
  readonly containers: number;
  readonly networks: number;
  readonly volumes: number;
  readonly images: number;
  /** Run ids whose process is still alive, left alone. */
  readonly liveRuns: readonly string[];
}

export interface Driver {
  readonly kind: 'docker' | 'local';
  /** Throws InfraError('engine-unreachable') with the remedy when it cannot be used. */
  ping(signal: AbortSignal): Promise<EngineInfo>;
  readonly images: ImageStore;
  /** Opens a run of `project`: everything it creates carries the run id and the project's name. */
  openRun(runId: string, signal: AbortSignal, project?: string): Promise<RunScope>;
  /**
   * Removes what runs whose process is gone left behind; `all` removes every run's resources, `project`
   * limits both to one project, and `cache` prunes app images too (that project's only, when named).
   */
  collectGarbage(options: GcOptions): Promise<GcReport>;
}
