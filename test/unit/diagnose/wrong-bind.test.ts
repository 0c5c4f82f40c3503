// wrong-bind: an app listening on loopback or another port is named from its sockets, the check or its log.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { parseListeningSockets as listeningSockets } from '../../../src/drivers/proc-net-tcp.js';
import { loadEvidence } from './load-evidence.js';
import { failedHttpCheck, makeInput } from './make-input.js';

// Every attempt refused until the deadline (the capture's own client got ConnectionRefusedError(111) from the
// loopback-bound app), in the shape src/checks/port-wait-failure.ts reports it.
const refused = failedHttpCheck(
  'nothing answered on port 8000 within 30000 ms (connect ECONNREFUSED 172.18.0.4:8000)',
  {
    timedOut: true,
    containerRunning: true,
    connected: false,
    latencyMs: 30_000,
    lastError: 'connect ECONNREFUSED 172.18.0.4:8000',
    port: 8000,
  },
);

function checkFailed(overrides: Partial<DiagnosisInput>) {
  return diagnose(makeInput({ stage: 'check', failedCheck: refused, ...overrides }));
}

describe('wrong-bind', () => {
  it('names the loopback address uvicorn bound and says to bind 0.0.0.0 on $PORT', () => {
    const diagnosis = checkFailed({
      appLog: loadEvidence('uvicorn-bound-loopback'),
      listening: listeningSockets(loadEvidence('proc-net-tcp-bound-loopback')),
    });
    expect(diagnosis.class).toBe('wrong-bind');
    expect(diagnosis.subject).toBe('127.0.0.1:8000');
    expect(diagnosis.summary).toContain('only the container itself can reach');
    expect(diagnosis.remedy).toContain('--host 0.0.0.0 --port $PORT');
  });

  it('works from the listening sockets alone, with an empty log', () => {
    const diagnosis = checkFailed({
      appLog: '',
      listening: listeningSockets(loadEvidence('proc-net-tcp-bound-loopback')),
    });
    expect(diagnosis).toMatchObject({ class: 'wrong-bind', subject: '127.0.0.1:8000' });
  });

  it('works from the log alone when no sockets were read', () => {
    const diagnosis = checkFailed({ appLog: loadEvidence('uvicorn-bound-loopback'), listening: [] });
    expect(diagnosis).toMatchObject({ class: 'wrong-bind', subject: '127.0.0.1:8000' });
    expect(diagnosis.evidence).toContain(
      'INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)',
    );
  });

  it("reads a Node app's own 'listening on' line", () => {
    const diagnosis = checkFailed({
      stack: 'node',
      runtime: 'node@22',
      port: 3000,
      appLog: loadEvidence('node-bound-loopback'),
    });
    expect(diagnosis).toMatchObject({ class: 'wrong-bind', subject: '127.0.0.1:3000' });
    expect(diagnosis.remedy).toContain("server.listen(Number(process.env.PORT), '0.0.0.0')");
  });

  it('names an app on 0.0.0.0 but on another port than $PORT', () => {
    const sockets = listeningSockets(loadEvidence('slow-health'));
    const diagnosis = checkFailed({ port: 8080, listening: sockets });
    expect(diagnosis).toMatchObject({ class: 'wrong-bind', subject: '0.0.0.0:8000' });
    expect(diagnosis.summary).toContain('not on $PORT (8080)');
  });

  it('reads the bound address the check itself reported when it gave up early', () => {
    const early = failedHttpCheck('the app listens on 127.0.0.1:8000 only, which no other host can reach', {
      bound: '127.0.0.1:8000',
      reason: 'loopback-only',
      port: 8000,
      elapsedMs: 412,
    });
    const diagnosis = diagnose(makeInput({ stage: 'check', failedCheck: early }));
    expect(diagnosis).toMatchObject({ class: 'wrong-bind', subject: '127.0.0.1:8000' });
    expect(diagnosis.evidence).toContain(
      'the app listens on 127.0.0.1:8000 only, which no other host can reach',
    );
  });

  it("ignores Docker's DNS resolver on 127.0.0.11 next to an app bound correctly", () => {
    const sockets = [...listeningSockets(loadEvidence('slow-health'))];
    expect(sockets.map((s) => s.address)).toContain('127.0.0.11');
    expect(checkFailed({ listening: sockets }).class).not.toBe('wrong-bind');
  });

  it('says nothing when the check got an HTTP answer', () => {
    const answered = failedHttpCheck('GET /health returned 500', { status: 500 });
    const input = makeInput({
      stage: 'check',
      failedCheck: answered,
      appLog: loadEvidence('uvicorn-bound-loopback'),
    });
    expect(diagnose(input).class).not.toBe('wrong-bind');
  });
});
