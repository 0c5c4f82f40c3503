// The HostInputs runs use: the context read from disk (as git tracks it, when asked), node dependency
// trees resolved on the host, and the git state snapshots record.
import { resolveCellDependencies } from '../dependencies/cell-dependencies.js';
import { gitState } from '../drivers/git-work-tree.js';
import type { HostInputs } from '../engine/run-context.js';
import { readContext } from './read-context.js';

export const hostInputs: HostInputs = {
  contextFiles: (request) => readContext(request),
  nodeTree: (cell, nodeVersion, onLine, signal) =>
    resolveCellDependencies(cell, nodeVersion, onLine, { signal }),
  gitState,
};
