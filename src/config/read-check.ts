// Reads one entry of a phase's `checks:` list into a CheckSpec, reporting every problem with its position.
import { CHECK_KINDS, type CheckKind, type CheckSpec, type SourcePosition } from '../model.js';
import type { Entry, NodeReader } from './node-reader.js';
import { closestWord } from './suggest.js';
import { isMap, isScalar, type YamlNode } from './yaml-file.js';

/** How long each kind of check may wait when the file does not say. */
export const DEFAULT_TIMEOUT_S: Readonly<Record<CheckKind, number>> = {
  http: 30,
  tcp: 30,
  log: 20,
  exec: 30,
  import: 60,
  exit: 60,
};

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const MAX_TIMEOUT_S = 3600;

/** Keys allowed beside the kind key, per kind. */
const MODIFIERS: Readonly<Record<CheckKind, readonly string[]>> = {
  http: ['expect', 'timeout_s', 'port', 'headers', 'body', 'json'],
  log: ['timeout_s'],
  exec: ['expect', 'timeout_s', 'within_s'],
  import: ['timeout_s'],
  exit: ['timeout_s'],
  tcp: ['timeout_s'],
};

export interface CheckContext {
  readonly phase: string;
  readonly port: number;
}

function timeoutOf(reader: NodeReader, node: YamlNode | null | undefined, kind: CheckKind): number {
  if (node === undefined) return DEFAULT_TIMEOUT_S[kind] * 1000;
  const seconds = reader.integer(node, `${kind} check timeout (seconds)`, { min: 1, max: MAX_TIMEOUT_S });
  return (seconds ?? DEFAULT_TIMEOUT_S[kind]) * 1000;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function readCheck(
  reader: NodeReader,
  node: YamlNode | null,
  context: CheckContext,
): CheckSpec | undefined {
  const entries = reader.entries(node, 'a check');
  if (!entries) return undefined;
  const kinds = entries.filter((e) => (CHECK_KINDS as readonly string[]).includes(e.key));
  if (kinds.length === 0) {
    const allModifiers = [...new Set(Object.values(MODIFIERS).flat())];
    const candidate = entries.find((e) => !allModifiers.includes(e.key)) ?? entries[0];
    const near = candidate ? closestWord(candidate.key, CHECK_KINDS) : undefined;
    reader.report(
      candidate?.keyNode ?? node,
      candidate
        ? `unknown check kind "${candidate.key}"; expected one of ${CHECK_KINDS.join(', ')}`
        : `a check must name its kind; expected one of ${CHECK_KINDS.join(', ')}`,
      near
        ? `did you mean "${near}"?`
        : 'start the check with one of those kinds, e.g. `- http: GET /health`',
    );
    return undefined;
  }
  if (kinds.length > 1) {
    reader.report(
      kinds[1]!.keyNode,
      `a check has one kind, found ${kinds.map((k) => k.key).join(' and ')}`,
      'split them into separate list entries, each starting with "- "',
    );
    return undefined;
  }
  const kindEntry = kinds[0]!;
  const kind = kindEntry.key as CheckKind;
  const rest = entries.filter((e) => e !== kindEntry);
  reader.rejectUnknownKeys(rest, MODIFIERS[kind], `a ${kind} check`);
  const field = (key: string): YamlNode | null | undefined => rest.find((e) => e.key === key)?.value;
  const base = { phase: context.phase, position: reader.at(kindEntry.keyNode) };
  switch (kind) {
    case 'http':
      return readHttp(reader, kindEntry, field, base, context);
    case 'log':
      return readLog(reader, kindEntry, field, base);
    case 'exec':
      return readExec(reader, kindEntry, field, base);
    case 'import': {
      const module = reader.string(
        kindEntry.value,
        'import check module',
        'name a module, e.g. `import: app.main`',
      );
      if (module === undefined) return undefined;
      return {
        ...base,
        kind,
        module,
        timeoutMs: timeoutOf(reader, field('timeout_s'), kind),
        label: `import ${module}`,
      };
    }
    case 'exit':
      return readExit(reader, kindEntry, field, base);
    case 'tcp': {
      const port = reader.port(kindEntry.value, 'tcp check port');
      if (port === undefined) return undefined;
      return {
        ...base,
        kind,
        port,
        timeoutMs: timeoutOf(reader, field('timeout_s'), kind),
        label: `tcp ${port}`,
      };
    }
  }
}

type Field = (key: string) => YamlNode | null | undefined;
type Base = { phase: string; position: SourcePosition };

function readHttp(
  reader: NodeReader,
  kind: Entry,
  field: Field,
  base: Base,
  context: CheckContext,
): CheckSpec | undefined {
  const target = reader.string(kind.value, 'http check target', 'write it as `http: GET /health`');
  if (target === undefined) return undefined;
  const parts = target.trim().split(/\s+/);
  const [method, path] = parts.length === 1 ? ['GET', parts[0]!] : [parts[0]!.toUpperCase(), parts[1] ?? ''];
  let valid = true;
  if (!HTTP_METHODS.includes(method) || parts.length > 2) {
    reader.report(
      kind.value,
      `http check target must be "METHOD /path", found "${target}"`,
      `use one of ${HTTP_METHODS.join(', ')} followed by a path`,
    );
    valid = false;
  } else if (!path.startsWith('/')) {
    reader.report(
      kind.value,
      `http check path must start with "/", found "${path}"`,
      `write it as ${method} /${path}`,
    );
    valid = false;
  }
  let status = 200;
  let body: string | undefined;
  let withinMs: number | undefined;
  const expectNode = field('expect');
  if (expectNode !== undefined) {
    const expectEntries = reader.entries(expectNode, 'http check expect') ?? [];
    reader.rejectUnknownKeys(expectEntries, ['status', 'body', 'within_ms'], 'http check expect');
    for (const e of expectEntries) {
      if (e.key === 'status')
        status = reader.integer(e.value, 'expected status', { min: 100, max: 599 }) ?? status;
      if (e.key === 'body') body = reader.string(e.value, 'expected body text');
      if (e.key === 'within_ms')
        withinMs = reader.integer(e.value, 'within_ms', { min: 1, max: MAX_TIMEOUT_S * 1000 });
    }
  }
  const portNode = field('port');
  const port =
    portNode === undefined ? context.port : (reader.port(portNode, 'http check port') ?? context.port);
  const headersNode = field('headers');
  const headers = headersNode === undefined ? {} : reader.stringMap(headersNode, 'http check headers').values;
  let requestBody: string | undefined;
  const bodyNode = field('body');
  const jsonNode = field('json');
  if (bodyNode !== undefined) requestBody = reader.string(bodyNode, 'http request body');
  if (jsonNode !== undefined) {
    if (bodyNode !== undefined)
      reader.report(jsonNode, 'an http check sends either body or json, not both', 'keep one of them');
    requestBody = JSON.stringify(jsonNode?.toJSON());
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
  }
  if (!valid) return undefined;
  return {
    ...base,
    kind: 'http',
    method,
    path,
    port,
    headers,
    ...(requestBody !== undefined ? { requestBody } : {}),
    expect: {
      status,
      ...(body !== undefined ? { body } : {}),
      ...(withinMs !== undefined ? { withinMs } : {}),
    },
    timeoutMs: timeoutOf(reader, field('timeout_s'), 'http'),
    label: `http ${method} ${path}`,
  };
}

function readLog(reader: NodeReader, kind: Entry, field: Field, base: Base): CheckSpec | undefined {
  let expect: string | undefined;
  let forbid: string | undefined;
  let timeoutNode = field('timeout_s');
  if (isScalar(kind.value)) {
    expect = reader.string(kind.value, 'log check text');
  } else if (isMap(kind.value)) {
    const entries = reader.entries(kind.value, 'log check') ?? [];
    reader.rejectUnknownKeys(entries, ['expect', 'forbid', 'within_s'], 'a log check');
    for (const e of entries) {
      if (e.key === 'expect') expect = reader.string(e.value, 'log expect');
      if (e.key === 'forbid') forbid = reader.string(e.value, 'log forbid');
      if (e.key === 'within_s') timeoutNode = e.value;
    }
    if (expect === undefined && forbid === undefined) {
      reader.report(
        kind.value,
        'a log check needs expect, forbid or both',
        'add `expect: "text the app logs when ready"`',
      );
      return undefined;
    }
  } else {
    reader.report(
      kind.value,
      `log check must be a text or a mapping, found ${reader.describe(kind.value)}`,
      'write `log: { expect: "ready" }`',
    );
    return undefined;
  }
  const label = expect !== undefined ? `log "${shorten(expect)}"` : `log without "${shorten(forbid!)}"`;
  return {
    ...base,
    kind: 'log',
    ...(expect !== undefined ? { expect } : {}),
    ...(forbid !== undefined ? { forbid } : {}),
    timeoutMs: timeoutOf(reader, timeoutNode, 'log'),
    label,
  };
}

function readExec(reader: NodeReader, kind: Entry, field: Field, base: Base): CheckSpec | undefined {
  const command = reader.string(
    kind.value,
    'exec check command',
    'write the command as text, e.g. `exec: python3 -c "import app"`',
  );
  let exit = 0;
  let output: string | undefined;
  const expectNode = field('expect');
  if (expectNode !== undefined) {
    const entries = reader.entries(expectNode, 'exec check expect') ?? [];
    reader.rejectUnknownKeys(entries, ['exit', 'output'], 'exec check expect');
    for (const e of entries) {
      if (e.key === 'exit')
        exit = reader.integer(e.value, 'expected exit code', { min: 0, max: 255 }) ?? exit;
      if (e.key === 'output') output = reader.string(e.value, 'expected output text');
    }
  }
  if (command === undefined) return undefined;
  return {
    ...base,
    kind: 'exec',
    command,
    expect: { exit, ...(output !== undefined ? { output } : {}) },
    timeoutMs: timeoutOf(reader, field('within_s') ?? field('timeout_s'), 'exec'),
    label: `exec ${shorten(command)}`,
  };
}

function readExit(reader: NodeReader, kind: Entry, field: Field, base: Base): CheckSpec | undefined {
  let command: string | undefined;
  let code = 0;
  let timeoutNode = field('timeout_s');
  if (isScalar(kind.value)) {
    command = reader.string(kind.value, 'exit check command');
  } else {
    const entries = reader.entries(kind.value, 'exit check') ?? [];
    reader.rejectUnknownKeys(entries, ['command', 'code', 'within_s'], 'an exit check');
    for (const e of entries) {
      if (e.key === 'command') command = reader.string(e.value, 'exit check command');
      if (e.key === 'code')
        code = reader.integer(e.value, 'expected exit code', { min: 0, max: 255 }) ?? code;
      if (e.key === 'within_s') timeoutNode = e.value;
    }
    if (command === undefined && entries.every((e) => e.key !== 'command')) {
      reader.report(kind.value, 'an exit check needs a command', 'add `command: python3 worker.py --once`');
    }
  }
  if (command === undefined) return undefined;
  return {
    ...base,
    kind: 'exit',
    command,
    code,
    timeoutMs: timeoutOf(reader, timeoutNode, 'exit'),
    label: `exit ${shorten(command)} (code ${code})`,
  };
}
