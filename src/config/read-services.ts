// Reads a phase's `services:` mapping: the built-in postgres, redis and llm, or any image with a port.
import { BUILTIN_SERVICES, type Readiness, type ServiceKind, type ServiceSpec } from '../model.js';
import type { Entry, NodeReader } from './node-reader.js';
import { isScalar, type YamlNode } from './yaml-file.js';

/** Ports the built-in services listen on inside the run's network. */
export const BUILTIN_PORTS: Readonly<Record<Exclude<ServiceKind, 'custom'>, number>> = {
  postgres: 5432,
  redis: 6379,
  llm: 8080,
};

const SERVICE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const READINESS_KINDS = ['tcp', 'http', 'exec', 'log'];

function readReadiness(reader: NodeReader, node: YamlNode | null, port: number): Readiness | undefined {
  const entries = reader.entries(node, 'service ready') ?? [];
  reader.rejectUnknownKeys(entries, READINESS_KINDS, 'service ready');
  if (entries.length !== 1) {
    if (entries.length > 1)
      reader.report(node, 'service ready names one probe', 'keep one of tcp, http, exec, log');
    return undefined;
  }
  const [entry] = entries as [(typeof entries)[0]];
  switch (entry.key) {
    case 'tcp': {
      const p = reader.port(entry.value, 'ready tcp port');
      return p === undefined ? undefined : { kind: 'tcp', port: p };
    }
    case 'http': {
      const path = reader.string(entry.value, 'ready http path');
      return path === undefined ? undefined : { kind: 'http', path, port };
    }
    case 'exec': {
      const command = reader.string(entry.value, 'ready exec command');
      return command === undefined ? undefined : { kind: 'exec', command };
    }
    default: {
      const text = reader.string(entry.value, 'ready log text');
      return text === undefined ? undefined : { kind: 'log', text };
    }
  }
}

/** `llm: { strict_key: true }`: the mock accepts only the run's own key, `${services.llm.api_key}`. */
function readStrictKey(reader: NodeReader, fields: readonly Entry[]): boolean | undefined {
  const node = fields.find((f) => f.key === 'strict_key')?.value;
  if (node === undefined) return undefined;
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  reader.report(
    node,
    `strict_key of the llm service must be true or false, found ${reader.describe(node)}`,
    'write `strict_key: true` to accept only ${services.llm.api_key}, or leave it out to accept any key',
  );
  return undefined;
}

export function readServices(reader: NodeReader, node: YamlNode | null, phase: string): ServiceSpec[] {
  const services: ServiceSpec[] = [];
  for (const entry of reader.entries(node, 'services') ?? []) {
    if (!SERVICE_NAME.test(entry.key)) {
      reader.report(
        entry.keyNode,
        `service name "${entry.key}" is not a valid host name`,
        'use lower-case letters, digits and dashes, starting with a letter',
      );
      continue;
    }
    const position = reader.at(entry.keyNode);
    const builtin = (BUILTIN_SERVICES as readonly string[]).includes(entry.key);
    const empty = entry.value === null || (isScalar(entry.value) && entry.value.value === null);
    if (builtin) {
      const kind = entry.key as Exclude<ServiceKind, 'custom'>;
      const fields = empty ? [] : (reader.entries(entry.value, `service ${entry.key}`) ?? []);
      const strictKey = kind === 'llm' ? readStrictKey(reader, fields) : undefined;
      const what =
        kind === 'llm'
          ? 'the built-in llm service (it takes only strict_key)'
          : `the built-in ${entry.key} service (it takes no settings)`;
      reader.rejectUnknownKeys(fields, kind === 'llm' ? ['strict_key'] : [], what);
      services.push({
        name: entry.key,
        kind,
        port: BUILTIN_PORTS[kind],
        env: {},
        ...(strictKey ? { strictKey } : {}),
        phase,
        position,
      });
      continue;
    }
    const fields = empty ? [] : (reader.entries(entry.value, `service ${entry.key}`) ?? []);
    reader.rejectUnknownKeys(fields, ['image', 'port', 'env', 'ready'], `service ${entry.key}`);
    const field = (key: string): YamlNode | null | undefined => fields.find((f) => f.key === key)?.value;
    const imageNode = field('image');
    const portNode = field('port');
    if (imageNode === undefined || portNode === undefined) {
      reader.report(
        entry.keyNode,
        `service "${entry.key}" is not built in (${BUILTIN_SERVICES.join(', ')}), so it needs an image and a port`,
        `add \`${entry.key}: { image: rabbitmq:3, port: 5672 }\`, or use a built-in service name`,
      );
      continue;
    }
    const image = reader.string(imageNode, `service ${entry.key} image`);
    const port = reader.port(portNode, `service ${entry.key} port`);
    const envNode = field('env');
    const env = envNode === undefined ? {} : reader.stringMap(envNode, `service ${entry.key} env`).values;
    const readyNode = field('ready');
    const ready =
      readyNode === undefined || port === undefined ? undefined : readReadiness(reader, readyNode, port);
    if (image === undefined || port === undefined) continue;
    services.push({
      name: entry.key,
      kind: 'custom',
      image,
      port,
      env,
      ready: ready ?? { kind: 'tcp', port },
      phase,
      position,
    });
  }
  return services;
}
