// What a driver's harness gives the conformance suite: the programs and recipes the suite runs, in that
// driver's own terms, and a view of what the suite cannot see through the Driver interface (what a run
// still holds, a run whose process died). The harness says how; the suite asserts what.
import type { Driver } from '../../src/drivers/driver.js';
import type { CellRecipe } from '../../src/recipes/recipe.js';

export interface RunResources {
  readonly containers: readonly string[];
  /** Networks, volumes and whatever else a run holds besides its containers. */
  readonly others: readonly string[];
  /** The project each resource carries, each name once; '' for resources that carry none. */
  readonly projects: readonly string[];
}

export const NOTHING_HELD: RunResources = { containers: [], others: [], projects: [] };

/** What a command prints and how it ends. */
export interface Printout {
  /** One line on stdout, first. */
  readonly stdout?: string;
  /** One line on stderr, after it. */
  readonly stderr?: string;
  readonly exitCode: number;
}

/** A program that keeps running and answers `ConformanceHarness.ping` on `port` of its address. */
export interface ServerProgram {
  /** Its role, image and command; the suite sets the env it runs with. */
  readonly launch: { readonly role: string; readonly image: string; readonly command?: readonly string[] };
  readonly port: number;
  /** A line it logs once it answers. */
  readonly readyLine: string;
}

export interface ConformanceHarness {
  readonly server: ServerProgram;
  /** Whether the program at `address:port` answers a ping from this host, now (never waits long). */
  ping(address: string, port: number): Promise<boolean>;
  /** An image in which the commands below run, as containers of their own. */
  readonly image: string;
  /** A command that prints as `printout` says and exits with its code; in the server too (exec). */
  print(printout: Printout): readonly string[];
  /** A command that prints the values of env vars `names` on one line, space-separated, and exits. */
  printEnv(names: readonly string[], exitCode: number): readonly string[];
  /** A command that runs for a minute, far past any timeout of the suite, printing nothing. */
  sleep(): readonly string[];

  /** A recipe whose app builds. */
  buildableRecipe(): Promise<CellRecipe>;
  /** A recipe one of whose build steps fails, and a line the failed build's output must show. */
  failingRecipe(): Promise<{ readonly recipe: CellRecipe; readonly outputShows: string }>;

  /** What the run `runId` still holds. */
  resources(runId: string): Promise<RunResources>;
  /**
   * Leaves a run of `project` behind as a crashed process would: the server running in one of its cells,
   * the run's own resources, and no live owner.
   */
  abandonRun(runId: string, project?: string): Promise<void>;
  /** A driver that sees nothing but the runs `runIds`, so that gc with `all` cannot touch anyone else's. */
  scopedDriver(runIds: readonly string[]): Promise<{ readonly driver: Driver; close(): Promise<void> }>;
}
