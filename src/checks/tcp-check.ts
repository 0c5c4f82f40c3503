// tcp: the app's port accepts a connection from the host.
import type { TcpCheckSpec } from '../model.js';
import { tcpProbe } from '../net/tcp-probe.js';
import type { Check, CheckOutcome } from './check.js';
import { portWaitFailure } from './port-wait-failure.js';
import { waitForPort } from './wait-for-port.js';

export const tcpCheck: Check<TcpCheckSpec> = {
  kind: 'tcp',
  async run(spec, context): Promise<CheckOutcome> {
    const wait = await waitForPort(spec.port, spec.timeoutMs, context, async (remainingMs, signal) => {
      const outcome = await tcpProbe({
        ...context.app.endpoint(spec.port),
        timeoutMs: Math.min(remainingMs, 2000),
        signal,
      });
      return outcome.ok
        ? { ok: true, value: outcome.latencyMs }
        : { ok: false, code: outcome.code, error: outcome.error };
    });
    if (wait.kind === 'answered') {
      return {
        status: 'pass',
        message: `port ${spec.port} accepted a connection`,
        evidence: { latencyMs: Math.round(wait.value) },
      };
    }
    return portWaitFailure(wait, spec.port, spec.timeoutMs, context);
  },
};
