// A validated phase file into a Layer (what that layer adds over the ones before it), with the rules a
// schema cannot say about one file: keys of the other stack, PORT, a secret given a value, body and json.
import { issueAt, type ConfigIssue } from '../errors.js';
import type { FileSelection, Layer, SourcePosition, StackName } from '../model.js';
import { checkKind, checkSpec } from './check-spec.js';
import type { PhaseData } from './schemas/schemas.js';
import { serviceSpecs } from './service-specs.js';
import type { YamlFile } from './yaml-file.js';

/** Set by stagebisect itself from the project's `port`. */
const RESERVED_ENV = ['PORT'];

/** Keys only one stack understands. */
const STACK_ONLY: Readonly<Record<string, StackName>> = {
  pip: 'python',
  requirements: 'python',
  npm: 'node',
};

/** Where a layer's values sit in its file, for the rules that span files (references, paths, names). */
export interface LayerPositions {
  readonly root: SourcePosition;
  readonly name?: SourcePosition;
  readonly env: ReadonlyMap<string, SourcePosition>;
  readonly files: ReadonlyMap<string, SourcePosition>;
  readonly requirements: ReadonlyMap<string, SourcePosition>;
}

export interface ReadLayer {
  readonly layer: Layer;
  readonly positions: LayerPositions;
}

export interface PhaseContext {
  readonly index: number;
  readonly defaultName: string;
  readonly stack: StackName;
  readonly port: number;
}

function list(value: string | readonly string[] | undefined): readonly string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/** Each entry of a list key with its position; a single text stands at the key's value. */
function listPositions(file: YamlFile, key: string, value: string | readonly string[] | undefined) {
  return new Map(
    list(value).map((entry, i) => [entry, file.valuePosition(typeof value === 'string' ? [key] : [key, i])]),
  );
}

export function phaseLayer(
  data: PhaseData,
  file: YamlFile,
  context: PhaseContext,
): { read?: ReadLayer; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const report = (at: SourcePosition, message: string, fix?: string): void => {
    issues.push(issueAt(at, message, fix));
  };
  for (const [key, stack] of Object.entries(STACK_ONLY)) {
    if (key in data && stack !== context.stack) {
      report(
        file.keyPosition([key]),
        `"${key}" is for the ${stack} stack, and this project's stack is ${context.stack}`,
        `remove "${key}" from this phase`,
      );
    }
  }
  const env = Object.fromEntries(Object.entries(data.env ?? {}).map(([k, v]) => [k, String(v)]));
  for (const name of RESERVED_ENV.filter((n) => n in env)) {
    report(
      file.keyPosition(['env', name]),
      `${name} is set by stagebisect from the project's port`,
      `remove ${name} from env; set \`port:\` in stagebisect.yaml`,
    );
  }
  const secrets = list(data.secrets);
  secrets.forEach((secret, i) => {
    // Never echo the value: it may be the secret itself.
    if (secret in env) {
      report(
        file.valuePosition(typeof data.secrets === 'string' ? ['secrets'] : ['secrets', i]),
        `${secret} is both a secret and an env value`,
        'keep it in one place: secrets are read from the host at run time',
      );
    }
  });
  const name = data.name ?? context.defaultName;
  const checks = (data.checks ?? []).map((check, i) => {
    if ('http' in check && check.body !== undefined && check.json !== undefined) {
      report(
        file.keyPosition(['checks', i, 'json']),
        'an http check sends either body or json, not both',
        'keep one of them',
      );
    }
    return checkSpec(check, {
      phase: name,
      port: context.port,
      position: file.keyPosition(['checks', i, checkKind(check)]),
    });
  });
  if (issues.length) return { issues };

  const files: FileSelection = data.files === undefined ? 'context' : list(data.files);
  const layer: Layer = {
    index: context.index,
    name,
    description: data.description ?? '',
    file: file.displayPath,
    apt: list(data.apt),
    pip: list(data.pip),
    requirements: list(data.requirements),
    npm: Object.fromEntries(Object.entries(data.npm ?? {}).map(([k, v]) => [k, String(v)])),
    files,
    ...(data.start !== undefined ? { start: data.start } : {}),
    ...(data.build !== undefined ? { build: data.build } : {}),
    ...(data.release !== undefined ? { release: data.release } : {}),
    services: data.services === undefined ? [] : serviceSpecs(data.services, name, file),
    env,
    secrets,
    checks,
  };
  const positions: LayerPositions = {
    root: file.valuePosition([]),
    ...(data.name !== undefined ? { name: file.keyPosition(['name']) } : {}),
    env: new Map(Object.keys(env).map((k) => [k, file.valuePosition(['env', k])])),
    files: listPositions(file, 'files', data.files),
    requirements: listPositions(file, 'requirements', data.requirements),
  };
  return { read: { layer, positions }, issues };
}
