// What the engine asks of a snapshot store: keep the snapshot of a passing cell, with its files' bytes.
import type { FileSource } from '../recipes/recipe.js';
import type { Snapshot } from '../snapshots/snapshot.js';

export interface SnapshotSink {
  /**
   * Keeps `snapshot` (replacing the one of its phase and runtime) and the context files it lists, read
   * from `sources`. Returns the paths that could not be kept (a file changed while the cell ran).
   */
  put(
    snapshot: Snapshot,
    sources: ReadonlyMap<string, FileSource>,
  ): Promise<{ readonly missed: readonly string[] }>;
  /** The snapshot kept for a phase on a runtime, if any (to keep one that was run over one inferred). */
  get(phase: string, runtime: string): Promise<Snapshot | undefined>;
}
