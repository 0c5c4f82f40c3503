// One validated entry of a phase's `checks:` into a CheckSpec: its label, its target parsed, and the
// default timeout of its kind, read from the schema.
import type { CheckKind, CheckSpec, SourcePosition } from '../model.js';
import { checkSchema } from './schemas/check-schema.js';
import type { PhaseData } from './schemas/schemas.js';

export type CheckData = NonNullable<PhaseData['checks']>[number];

export interface CheckContext {
  readonly phase: string;
  readonly port: number;
  /** Where the check's kind key is written. */
  readonly position: SourcePosition;
}

type Branch = (typeof checkSchema.oneOf)[number];

/** Each kind's schema branch, by the key that names the kind. */
const BRANCHES = Object.fromEntries(checkSchema.oneOf.map((b: Branch) => [b.required[0], b])) as {
  readonly [K in CheckKind]: Extract<Branch, { readonly required: readonly [K] }>;
};

/** How long each kind of check may wait, in seconds, when the file does not say. */
export function defaultTimeoutS(kind: CheckKind): number {
  return BRANCHES[kind].properties.timeout_s.default;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function checkKind(data: CheckData): CheckKind {
  return (Object.keys(BRANCHES) as CheckKind[]).find((kind) => kind in data)!;
}

export function checkSpec(data: CheckData, context: CheckContext): CheckSpec {
  const base = { phase: context.phase, position: context.position };
  const timeoutMs = (seconds: number | undefined, kind: CheckKind): number =>
    (seconds ?? defaultTimeoutS(kind)) * 1000;
  if ('http' in data) {
    const parts = data.http.trim().split(/\s+/);
    const [method, path] = parts.length === 1 ? ['GET', parts[0]!] : [parts[0]!.toUpperCase(), parts[1]!];
    const headers: Record<string, string> = Object.fromEntries(
      Object.entries(data.headers ?? {}).map(([name, value]) => [name, String(value)]),
    );
    let requestBody = data.body;
    if (data.json !== undefined) {
      requestBody = JSON.stringify(data.json);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json';
    }
    const expect = data.expect ?? {};
    return {
      ...base,
      kind: 'http',
      method,
      path,
      port: data.port ?? context.port,
      headers,
      ...(requestBody !== undefined ? { requestBody } : {}),
      expect: {
        status: expect.status ?? BRANCHES.http.properties.expect.properties.status.default,
        ...(expect.body !== undefined ? { body: expect.body } : {}),
        ...(expect.within_ms !== undefined ? { withinMs: expect.within_ms } : {}),
      },
      timeoutMs: timeoutMs(data.timeout_s, 'http'),
      label: `http ${method} ${path}`,
    };
  }
  if ('log' in data) {
    const log = typeof data.log === 'string' ? { expect: data.log } : data.log;
    const { expect, forbid } = log as { expect?: string; forbid?: string };
    const within = typeof data.log === 'string' ? undefined : data.log.within_s;
    return {
      ...base,
      kind: 'log',
      ...(expect !== undefined ? { expect } : {}),
      ...(forbid !== undefined ? { forbid } : {}),
      timeoutMs: timeoutMs(within ?? data.timeout_s, 'log'),
      label: expect !== undefined ? `log "${shorten(expect)}"` : `log without "${shorten(forbid ?? '')}"`,
    };
  }
  if ('exec' in data) {
    return {
      ...base,
      kind: 'exec',
      command: data.exec,
      expect: {
        exit: data.expect?.exit ?? BRANCHES.exec.properties.expect.properties.exit.default,
        ...(data.expect?.output !== undefined ? { output: data.expect.output } : {}),
      },
      timeoutMs: timeoutMs(data.within_s ?? data.timeout_s, 'exec'),
      label: `exec ${shorten(data.exec)}`,
    };
  }
  if ('import' in data) {
    return {
      ...base,
      kind: 'import',
      module: data.import,
      timeoutMs: timeoutMs(data.timeout_s, 'import'),
      label: `import ${data.import}`,
    };
  }
  if ('exit' in data) {
    const exit = typeof data.exit === 'string' ? { command: data.exit } : data.exit;
    const code = exit.code ?? BRANCHES.exit.properties.exit.properties.code.default;
    return {
      ...base,
      kind: 'exit',
      command: exit.command,
      code,
      timeoutMs: timeoutMs(exit.within_s ?? data.timeout_s, 'exit'),
      label: `exit ${shorten(exit.command)} (code ${code})`,
    };
  }
  return {
    ...base,
    kind: 'tcp',
    port: data.tcp,
    timeoutMs: timeoutMs(data.timeout_s, 'tcp'),
    label: `tcp ${data.tcp}`,
  };
}
