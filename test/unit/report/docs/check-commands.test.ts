// What a person runs to verify a deployed layer: a curl line per http check, quoted for the shell, with
// credentials left to the environment; a sentence for the checks a host shows in its logs.
import { describe, expect, it } from 'vitest';
import type { CheckSpec } from '../../../../src/model.js';
import { verification } from '../../../../src/report/docs/check-commands.js';
import { mermaidLabel, mermaidLadder } from '../../../../src/report/docs/mermaid-ladder.js';

const AT = { file: 'phases/10-health.yaml', line: 1, column: 1 };
const http = (overrides: Partial<Extract<CheckSpec, { kind: 'http' }>>): CheckSpec => ({
  kind: 'http',
  method: 'GET',
  path: '/health',
  port: 8000,
  headers: {},
  expect: { status: 200 },
  phase: 'health',
  position: AT,
  timeoutMs: 10_000,
  label: 'http GET /health',
  ...overrides,
});

describe('verification', () => {
  it('checks the body of a 2xx answer with grep, quoting what the shell would read', () => {
    expect(verification(http({ expect: { status: 200, body: "it's ok" } })).command).toBe(
      `curl -f -sS "$APP_URL/health" | grep -F -- 'it'\\''s ok'`,
    );
  });

  it('compares the status of an answer that is not 2xx', () => {
    expect(verification(http({ method: 'DELETE', path: '/admin', expect: { status: 401 } })).command).toBe(
      `test "$(curl -sS -X DELETE -o /dev/null -w '%{http_code}' "$APP_URL/admin")" = 401`,
    );
  });

  it('sends headers and a body, and leaves a credential to the environment', () => {
    const spec = http({
      method: 'POST',
      path: '/auth/token',
      headers: { Authorization: 'Bearer sk-test-123', 'content-type': 'application/json' },
      requestBody: '{"username":"demo"}',
    });
    const command = verification(spec).command!;
    expect(command).toBe(
      `curl -f -sS -X POST -H "Authorization: $AUTHORIZATION" -H 'content-type: application/json' --data '{"username":"demo"}' "$APP_URL/auth/token"`,
    );
    expect(command).not.toContain('sk-test-123');
  });

  it('says in words what a host shows for the other kinds', () => {
    const log: CheckSpec = {
      kind: 'log',
      expect: 'ready',
      forbid: 'Traceback',
      phase: 'db',
      position: AT,
      timeoutMs: 1,
      label: 'log',
    };
    expect(verification(log)).toEqual({
      label: 'log',
      command: null,
      how: `the service's log shows "ready" and never "Traceback"`,
    });
  });
});

describe('mermaidLadder', () => {
  it('writes what Mermaid would read as syntax as entity codes', () => {
    expect(mermaidLabel('a "b" <c> #d')).toBe('a #34;b#34; #60;c#62; #35;d');
  });

  it('puts the first layer at the bottom and colours each rung', () => {
    const text = mermaidLadder([
      { index: 1, name: 'health', status: 'pass', inferred: true },
      { index: 2, name: 'db', status: 'fail', inferred: false },
    ]);
    expect(text.split('\n').slice(0, 4)).toEqual([
      'flowchart BT',
      '  L1["1 · health<br/>pass (inferred)"]:::pass',
      '  L2["2 · db<br/>fail"]:::fail',
      '  L1 --> L2',
    ]);
  });
});
