// The stack a project names, by name.
import type { StackName } from '../model.js';
import { nodeStack } from './node-stack.js';
import { pythonStack } from './python-stack.js';
import type { Stack } from './stack.js';

const STACKS: Readonly<Record<StackName, Stack>> = { python: pythonStack, node: nodeStack };

export function stackFor(name: StackName): Stack {
  return STACKS[name];
}
