// slow-check: an app that was up and reachable but answered late gets its latency and its limit.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import { parseListeningSockets } from '../../../src/drivers/proc-net-tcp.js';
import { loadEvidence } from './load-evidence.js';
import { failedHttpCheck, HEALTH, makeInput } from './make-input.js';

// The capture timed a /health that sleeps 2.5 s; its latency and sockets are the evidence a check would attach.
const capture = loadEvidence('slow-health');
const latencyMs = Number(/in (\d+) ms/.exec(capture)?.[1]);
const listening = parseListeningSockets(capture);
// A check that connected but got no answer, in the shape src/checks/port-wait-failure.ts reports it.
const hung = 'connected to port 8000 but got no answer within 30000 ms while the app kept running';
const timedOut = { timedOut: true, connected: true, latencyMs: 30_000, lastError: 'timed out', port: 8000 };

describe('slow-check', () => {
  it('gives the measured latency and the limit, and names the phase file with within_ms', () => {
    expect(latencyMs).toBeGreaterThan(2500);
    const check = failedHttpCheck(`answered in ${latencyMs} ms, expected within 500 ms`, {
      status: 200,
      latencyMs,
      withinMs: 500,
    });
    const diagnosis = diagnose(makeInput({ stage: 'check', failedCheck: check, appLog: capture, listening }));
    expect(diagnosis.class).toBe('slow-check');
    expect(diagnosis.subject).toBe('http GET /health');
    expect(diagnosis.summary).toBe(`http GET /health answered in ${latencyMs} ms, over its limit of 500 ms.`);
    expect(diagnosis.remedy).toContain(`\`within_ms:\` of this check in phase 'health' (${HEALTH.file})`);
  });

  it('calls a check that got no answer slow when the app was running and listening on $PORT', () => {
    const check = failedHttpCheck(hung, { ...timedOut, containerRunning: true });
    const diagnosis = diagnose(makeInput({ stage: 'check', failedCheck: check, listening }));
    expect(diagnosis.class).toBe('slow-check');
    expect(diagnosis.summary).toContain('no answer within 30000 ms');
    expect(diagnosis.summary).toContain('listening on 0.0.0.0:8000');
    expect(diagnosis.remedy).toContain('`timeout_s:`');
  });

  it('leaves a timeout alone when the app was not running', () => {
    const check = failedHttpCheck(hung, { ...timedOut, containerRunning: false });
    expect(diagnose(makeInput({ stage: 'check', failedCheck: check, listening })).class).toBe('unclassified');
  });

  it('calls a timeout against a loopback-bound app a wrong bind, not slowness', () => {
    const check = failedHttpCheck(hung, { ...timedOut, containerRunning: true });
    const loopback = parseListeningSockets(loadEvidence('proc-net-tcp-bound-loopback'));
    const diagnosis = diagnose(makeInput({ stage: 'check', failedCheck: check, listening: loopback }));
    expect(diagnosis.class).toBe('wrong-bind');
  });
});
