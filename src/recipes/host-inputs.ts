// The HostInputs runs use: the context read from disk, node dependency trees resolved on the host.
import { resolveCellDependencies } from '../dependencies/cell-dependencies.js';
import type { HostInputs } from '../engine/run-context.js';
import { snapshotContext } from './context-snapshot.js';

export const hostInputs: HostInputs = {
  contextFiles: snapshotContext,
  nodeTree: (cell, nodeVersion, onLine, signal) =>
    resolveCellDependencies(cell, nodeVersion, onLine, { signal }),
};
