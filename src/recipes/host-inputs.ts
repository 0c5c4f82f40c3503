// The HostInputs runs use: the context read from disk (as git tracks it, when asked), node dependency
// trees made on the host, and the git state snapshots record.
import type { HostInputs } from '../engine/run-context.js';
import { gitState } from '../drivers/git-work-tree.js';
import { nodeTreeFor } from '../drivers/node-dependencies.js';
import { readContext } from './read-context.js';

export const hostInputs: HostInputs = {
  contextFiles: (request) => readContext(request),
  nodeTree: nodeTreeFor,
  gitState,
};
