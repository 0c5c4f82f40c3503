// Pure: what a person runs against a deployed service to verify a layer, from its checks: a curl line for
// each http check, a sentence for the others. `$APP_URL` is the service's address on the host.
import type { CheckSpec } from '../../model.js';
import { isSecretName } from '../../secrets/secret-names.js';
import { shellQuote } from '../../stacks/shell-quote.js';

/** Header values that may carry a credential are left for the person to fill in from the environment. */
function headerValue(name: string, value: string): string {
  if (isSecretName(name) || /^(authorization|cookie|proxy-authorization)$/i.test(name)) {
    return `$${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
  }
  return value;
}

function curl(spec: Extract<CheckSpec, { kind: 'http' }>): string {
  const parts = ['curl', '-sS'];
  if (spec.method !== 'GET') parts.push('-X', spec.method);
  for (const [name, value] of Object.entries(spec.headers).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const header = headerValue(name, value);
    parts.push('-H', header.startsWith('$') ? `"${name}: ${header}"` : shellQuote(`${name}: ${header}`));
  }
  if (spec.requestBody !== undefined) parts.push('--data', shellQuote(spec.requestBody));
  const url = `"$APP_URL${spec.path}"`;
  const { status, body } = spec.expect;
  if (status >= 200 && status < 300) {
    const line = [...parts.slice(0, 1), '-f', ...parts.slice(1), url].join(' ');
    return body !== undefined ? `${line} | grep -F -- ${shellQuote(body)}` : line;
  }
  return `test "$(${[...parts, '-o', '/dev/null', '-w', "'%{http_code}'", url].join(' ')})" = ${status}`;
}

export interface Verification {
  readonly label: string;
  /** A command to run, or null when the check is read from the host's dashboard or logs. */
  readonly command: string | null;
  readonly how: string;
}

export function verification(spec: CheckSpec): Verification {
  switch (spec.kind) {
    case 'http':
      return {
        label: spec.label,
        command: curl(spec),
        how: `answers ${spec.expect.status}${spec.expect.body !== undefined ? ` with "${spec.expect.body}"` : ''}`,
      };
    case 'log':
      return {
        label: spec.label,
        command: null,
        how: [
          spec.expect ? `the service's log shows "${spec.expect}"` : '',
          spec.forbid ? `and never "${spec.forbid}"` : '',
        ]
          .filter(Boolean)
          .join(' '),
      };
    case 'exec':
      return {
        label: spec.label,
        command: spec.command,
        how: `run in the service's shell: exits ${spec.expect.exit}`,
      };
    case 'import':
      return { label: spec.label, command: null, how: `the service starts: ${spec.module} imports` };
    case 'exit':
      return {
        label: spec.label,
        command: spec.command,
        how: `run in the service's shell: exits ${spec.code}`,
      };
    case 'tcp':
      return { label: spec.label, command: null, how: `the service listens on port ${spec.port}` };
  }
}
