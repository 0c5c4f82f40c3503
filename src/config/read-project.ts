// Reads stagebisect.yaml: the project's name, stack, context, port, start command, runtime and image mode.
import { IMAGE_MODES, STACK_NAMES, type ImageMode, type Runtime, type StackName } from '../model.js';
import type { NodeReader } from './node-reader.js';
import { parseRuntime } from './parse-runtime.js';
import type { YamlNode } from './yaml-file.js';

export const PROJECT_KEYS = [
  'name',
  'stack',
  'context',
  'port',
  'start',
  'runtime',
  'images',
  'registry',
  'phases',
  'memory',
];

export interface ProjectSettings {
  readonly name: string;
  readonly stack: StackName;
  readonly context: string;
  readonly port: number;
  readonly start: string;
  readonly runtime: Runtime;
  readonly images: ImageMode;
  readonly registry?: string;
  readonly phasesDir: string;
  readonly memoryBytes?: number;
  /** Where `context` and `phases` sit, for messages about paths that do not exist. */
  readonly nodes: { readonly context?: YamlNode | null; readonly phases?: YamlNode | null };
}

const PROJECT_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const MEMORY = /^(\d+(?:\.\d+)?)\s*([kmg])?(?:i?b)?$/i;
const UNITS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

export function parseMemory(text: string): number | undefined {
  const match = MEMORY.exec(text.trim());
  if (!match) return undefined;
  const bytes = Number(match[1]) * (match[2] ? UNITS[match[2].toLowerCase()]! : 1);
  return bytes >= 6 * 1024 ** 2 ? Math.round(bytes) : undefined;
}

function required(
  reader: NodeReader,
  root: YamlNode | null,
  node: YamlNode | null | undefined,
  key: string,
  example: string,
): node is YamlNode | null {
  if (node !== undefined) return true;
  reader.report(root, `stagebisect.yaml needs "${key}"`, `add \`${example}\``);
  return false;
}

export function readProject(reader: NodeReader, root: YamlNode | null): ProjectSettings | undefined {
  const entries = reader.entries(root, 'stagebisect.yaml');
  if (!entries) return undefined;
  reader.rejectUnknownKeys(entries, PROJECT_KEYS, 'stagebisect.yaml');
  const field = (key: string): YamlNode | null | undefined => entries.find((e) => e.key === key)?.value;

  let name: string | undefined;
  const nameNode = field('name');
  if (required(reader, root, nameNode, 'name', 'name: my-service')) {
    name = reader.string(nameNode, 'name');
    if (name !== undefined && !PROJECT_NAME.test(name)) {
      reader.report(
        nameNode,
        `name "${name}" must be lower-case letters, digits, ".", "_" or "-"`,
        'it names images, so write it like my-service',
      );
      name = undefined;
    }
  }

  let stack: StackName | undefined;
  const stackNode = field('stack');
  if (required(reader, root, stackNode, 'stack', 'stack: python')) {
    const value = reader.string(stackNode, 'stack');
    if (value !== undefined && !(STACK_NAMES as readonly string[]).includes(value)) {
      reader.report(
        stackNode,
        `stack "${value}" is not supported; expected one of ${STACK_NAMES.join(', ')}`,
      );
    } else stack = value as StackName | undefined;
  }

  const port = required(reader, root, field('port'), 'port', 'port: 8000')
    ? reader.port(field('port')!, 'port')
    : undefined;
  const start = required(
    reader,
    root,
    field('start'),
    'start',
    'start: python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT',
  )
    ? reader.string(field('start')!, 'start command')
    : undefined;

  let runtime: Runtime | undefined;
  const runtimeNode = field('runtime');
  if (required(reader, root, runtimeNode, 'runtime', 'runtime: python@3.13')) {
    const text = reader.string(runtimeNode, 'runtime');
    if (text !== undefined) {
      const parsed = parseRuntime(text);
      if (!parsed.ok) reader.report(runtimeNode, parsed.reason);
      else if (stack && parsed.runtime.language !== stack) {
        reader.report(
          runtimeNode,
          `runtime ${text} does not match stack ${stack}`,
          `use a ${stack}@VERSION runtime`,
        );
      } else runtime = parsed.runtime;
    }
  }

  let images: ImageMode = 'registry';
  const imagesNode = field('images');
  if (imagesNode !== undefined) {
    const value = reader.string(imagesNode, 'images');
    if (value !== undefined && !(IMAGE_MODES as readonly string[]).includes(value)) {
      reader.report(
        imagesNode,
        `images "${value}" is not a mode; expected one of ${IMAGE_MODES.join(', ')}`,
        'use local where no registry is reachable',
      );
    } else if (value !== undefined) images = value as ImageMode;
  }
  const registry =
    field('registry') === undefined ? undefined : reader.string(field('registry')!, 'registry');

  let memoryBytes: number | undefined;
  const memoryNode = field('memory');
  if (memoryNode !== undefined) {
    const text = reader.string(memoryNode, 'memory');
    memoryBytes = text === undefined ? undefined : parseMemory(text);
    if (text !== undefined && memoryBytes === undefined) {
      reader.report(memoryNode, `memory "${text}" is not a size of at least 6m`, 'write it like 512m or 1g');
    }
  }

  const context = field('context') === undefined ? '.' : reader.string(field('context')!, 'context');
  const phasesDir = field('phases') === undefined ? 'phases' : reader.string(field('phases')!, 'phases');
  if (!name || !stack || !port || !start || !runtime || context === undefined || phasesDir === undefined)
    return undefined;
  return {
    name,
    stack,
    context,
    port,
    start,
    runtime,
    images,
    ...(registry !== undefined ? { registry: registry.replace(/\/+$/, '') } : {}),
    phasesDir,
    ...(memoryBytes !== undefined ? { memoryBytes } : {}),
    nodes: { context: field('context'), phases: field('phases') },
  };
}
