// The HostInputs runs use: the context read from disk, node dependency trees made on the host.
import type { HostInputs } from '../engine/run-context.js';
import { nodeTreeFor } from '../drivers/node-dependencies.js';
import { snapshotContext } from './context-snapshot.js';

export const hostInputs: HostInputs = {
  contextFiles: snapshotContext,
  nodeTree: nodeTreeFor,
};
