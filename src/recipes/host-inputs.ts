// The HostInputs runs use: the context read from disk (as git tracks it, when asked), node dependency
// trees resolved on the host, and the git state snapshots record.
import { gitState } from '../drivers/git-work-tree.js';
import type { HostInputs } from '../engine/run-context.js';
import { readContext } from './read-context.js';

export const hostInputs: HostInputs = {
  contextFiles: (request) => readContext(request),
  // Loaded on first use: arborist and npm's config bring ~70 packages, which only node cells need.
  nodeTree: async (cell, nodeVersion, onLine, signal) => {
    const { resolveCellDependencies } = await import('../dependencies/cell-dependencies.js');
    return resolveCellDependencies(cell, nodeVersion, onLine, { signal });
  },
  gitState,
};
