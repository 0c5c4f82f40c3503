// Reads one phase file into a Layer: what that layer adds over the ones before it.
import type { CheckSpec, FileSelection, Layer, ServiceSpec, StackName } from '../model.js';
import type { NodeReader } from './node-reader.js';
import { readCheck } from './read-check.js';
import { readServices } from './read-services.js';
import type { YamlNode } from './yaml-file.js';

export const PHASE_KEYS = [
  'name',
  'description',
  'apt',
  'pip',
  'requirements',
  'npm',
  'files',
  'start',
  'services',
  'env',
  'secrets',
  'checks',
];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PHASE_NAME = /^[a-z0-9][a-z0-9_-]{0,40}$/i;
/** Set by stagebisect itself from the project's `port`. */
const RESERVED_ENV = ['PORT'];

/** Where a layer's values sit in its file, for checks that span files (references, paths). */
export interface LayerPositions {
  readonly env: Map<string, YamlNode>;
  readonly files: Map<string, YamlNode>;
  readonly requirements: Map<string, YamlNode>;
  readonly keys: Map<string, YamlNode>;
}

export interface ReadLayer {
  readonly layer: Layer;
  readonly positions: LayerPositions;
}

export interface PhaseContext {
  readonly index: number;
  readonly file: string;
  readonly defaultName: string;
  readonly stack: StackName;
  readonly port: number;
}

function listWithNodes(reader: NodeReader, node: YamlNode | null, what: string): Map<string, YamlNode> {
  const result = new Map<string, YamlNode>();
  const values = reader.stringList(node, what) ?? [];
  const items = (node as { items?: YamlNode[] } | null)?.items ?? [node];
  values.forEach((value, i) => result.set(value, (items[i] ?? node) as YamlNode));
  return result;
}

export function readPhase(
  reader: NodeReader,
  root: YamlNode | null,
  context: PhaseContext,
): ReadLayer | undefined {
  const entries = reader.entries(root, `phase file`);
  if (!entries) return undefined;
  reader.rejectUnknownKeys(entries, PHASE_KEYS, 'a phase file');
  const keys = new Map(entries.map((e) => [e.key, e.keyNode]));
  const field = (key: string): YamlNode | null | undefined => entries.find((e) => e.key === key)?.value;
  const stackOnly = (key: string, stack: StackName): boolean => {
    if (field(key) === undefined || context.stack === stack) return true;
    reader.report(
      keys.get(key),
      `"${key}" is for the ${stack} stack, and this project's stack is ${context.stack}`,
      `remove "${key}" from this phase`,
    );
    return false;
  };

  let name = context.defaultName;
  const nameNode = field('name');
  if (nameNode !== undefined) {
    const value = reader.string(nameNode, 'phase name');
    if (value !== undefined && !PHASE_NAME.test(value)) {
      reader.report(
        nameNode,
        `phase name "${value}" must be a short word`,
        'use letters, digits, "-" and "_" (e.g. db, redis, auth)',
      );
    } else if (value !== undefined) name = value;
  }
  const description =
    field('description') === undefined ? '' : (reader.string(field('description')!, 'description') ?? '');
  const apt = field('apt') === undefined ? [] : (reader.stringList(field('apt')!, 'apt') ?? []);
  const pip =
    field('pip') === undefined || !stackOnly('pip', 'python')
      ? []
      : (reader.stringList(field('pip')!, 'pip') ?? []);
  const requirementNodes =
    field('requirements') === undefined || !stackOnly('requirements', 'python')
      ? new Map<string, YamlNode>()
      : listWithNodes(reader, field('requirements')!, 'requirements');
  const npm =
    field('npm') === undefined || !stackOnly('npm', 'node')
      ? {}
      : reader.stringMap(field('npm')!, 'npm').values;
  const fileNodes =
    field('files') === undefined ? undefined : listWithNodes(reader, field('files')!, 'files');
  const files: FileSelection = fileNodes === undefined ? 'context' : [...fileNodes.keys()];
  const start = field('start') === undefined ? undefined : reader.string(field('start')!, 'start command');
  const services: ServiceSpec[] =
    field('services') === undefined ? [] : readServices(reader, field('services')!, name);

  const envRead =
    field('env') === undefined
      ? { values: {}, nodes: new Map<string, YamlNode>() }
      : reader.stringMap(field('env')!, 'env');
  for (const [key, node] of envRead.nodes) {
    if (!ENV_NAME.test(key))
      reader.report(
        node,
        `env name "${key}" is not a valid variable name`,
        'use letters, digits and "_", not starting with a digit',
      );
    if (RESERVED_ENV.includes(key))
      reader.report(
        node,
        `${key} is set by stagebisect from the project's port`,
        `remove ${key} from env; set \`port:\` in stagebisect.yaml`,
      );
  }
  const secretNodes =
    field('secrets') === undefined
      ? new Map<string, YamlNode>()
      : listWithNodes(reader, field('secrets')!, 'secrets');
  for (const [secret, node] of secretNodes) {
    if (!ENV_NAME.test(secret))
      reader.report(
        node,
        `secret name "${secret}" is not a valid variable name`,
        'name the environment variable that holds it, e.g. OPENAI_API_KEY',
      );
    if (secret in envRead.values)
      reader.report(
        node,
        `${secret} is both a secret and an env value`,
        'keep it in one place: secrets are read from the host at run time',
      );
  }

  const checks: CheckSpec[] = [];
  const checksNode = field('checks');
  if (checksNode !== undefined && checksNode !== null) {
    const items = (checksNode as { items?: YamlNode[] }).items;
    if (!Array.isArray(items)) {
      reader.report(
        checksNode,
        `checks must be a list, found ${reader.describe(checksNode)}`,
        'start each check with "- "',
      );
    } else {
      for (const item of items) {
        const check = readCheck(reader, item, { phase: name, port: context.port });
        if (check) checks.push(check);
      }
    }
  }

  const layer: Layer = {
    index: context.index,
    name,
    description,
    file: context.file,
    apt,
    pip,
    requirements: [...requirementNodes.keys()],
    npm,
    files,
    ...(start !== undefined ? { start } : {}),
    services,
    env: envRead.values,
    secrets: [...secretNodes.keys()],
    checks,
  };
  return {
    layer,
    positions: { env: envRead.nodes, files: fileNodes ?? new Map(), requirements: requirementNodes, keys },
  };
}
