// The failing outcome of an http or tcp check that never got an answer, with the evidence diagnosis needs.
import type { CheckContext, CheckOutcome } from './check.js';
import type { PortWait } from './wait-for-port.js';

export function portWaitFailure(
  wait: Exclude<PortWait<unknown>, { kind: 'answered' }>,
  port: number,
  timeoutMs: number,
  context: CheckContext,
): CheckOutcome {
  const exit = context.app.exitInfo();
  switch (wait.kind) {
    case 'exited':
      return {
        status: 'fail',
        message: `the app exited with code ${exit?.code ?? '?'} before it answered on port ${port}`,
        evidence: {
          exitCode: exit?.code ?? -1,
          oomKilled: exit?.oomKilled ?? false,
          elapsedMs: Math.round(wait.elapsedMs),
        },
      };
    case 'unreachable':
      return {
        status: 'fail',
        message:
          wait.reason === 'loopback-only'
            ? `the app listens on ${wait.bound} only, which no other host can reach`
            : `the app listens on ${wait.bound}, not on port ${port}`,
        evidence: { bound: wait.bound, reason: wait.reason, port, elapsedMs: Math.round(wait.elapsedMs) },
      };
    case 'timeout':
      return {
        status: 'fail',
        message: wait.connected
          ? `connected to port ${port} but got no answer within ${timeoutMs} ms while the app kept running`
          : `nothing answered on port ${port} within ${timeoutMs} ms (${wait.lastError})`,
        evidence: {
          timedOut: true,
          containerRunning: exit === undefined,
          connected: wait.connected,
          latencyMs: Math.round(wait.elapsedMs),
          lastError: wait.lastError,
          port,
        },
      };
  }
}
