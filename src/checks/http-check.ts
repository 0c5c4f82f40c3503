// http: a request from the host to the app's port, as a host's router or health check makes it.
import type { HttpCheckSpec } from '../model.js';
import { httpRequest, type HttpAnswer } from '../net/http-request.js';
import type { Check, CheckContext, CheckOutcome } from './check.js';
import { portWaitFailure } from './port-wait-failure.js';
import { waitForPort } from './wait-for-port.js';

/** Answers that mean "not ready yet": the check keeps asking until its deadline. */
const NOT_READY = new Set([502, 503, 504]);

function judge(spec: HttpCheckSpec, answer: HttpAnswer): CheckOutcome {
  const latencyMs = Math.round(answer.latencyMs);
  const evidence = {
    status: answer.status,
    latencyMs,
    body: answer.body.slice(0, 500),
    ...(spec.expect.withinMs ? { withinMs: spec.expect.withinMs } : {}),
  };
  if (answer.status !== spec.expect.status) {
    return { status: 'fail', message: `answered ${answer.status}, expected ${spec.expect.status}`, evidence };
  }
  if (spec.expect.body !== undefined && !answer.body.includes(spec.expect.body)) {
    return {
      status: 'fail',
      message: `answered ${answer.status} without ${JSON.stringify(spec.expect.body)} in its body`,
      evidence,
    };
  }
  if (spec.expect.withinMs !== undefined && latencyMs > spec.expect.withinMs) {
    return {
      status: 'fail',
      message: `answered in ${latencyMs} ms, expected within ${spec.expect.withinMs} ms`,
      evidence,
    };
  }
  return { status: 'pass', message: `answered ${answer.status} in ${latencyMs} ms`, evidence };
}

export const httpCheck: Check<HttpCheckSpec> = {
  kind: 'http',
  async run(spec, context: CheckContext): Promise<CheckOutcome> {
    let lastNotReady: HttpAnswer | undefined;
    const wait = await waitForPort(spec.port, spec.timeoutMs, context, async (remainingMs, signal) => {
      const attempt = await httpRequest({
        ...context.app.endpoint(spec.port),
        method: spec.method,
        path: spec.path,
        headers: spec.headers,
        ...(spec.requestBody !== undefined ? { body: spec.requestBody } : {}),
        timeoutMs: remainingMs,
        signal,
      });
      if (!attempt.ok) return { ok: false, code: attempt.code, error: attempt.error };
      if (NOT_READY.has(attempt.answer.status) && attempt.answer.status !== spec.expect.status) {
        lastNotReady = attempt.answer;
        // Retried like a refused connection: the app is still warming up.
        return { ok: false, code: 'ECONNREFUSED', error: `answered ${attempt.answer.status}` };
      }
      return { ok: true, value: attempt.answer };
    });
    if (wait.kind === 'answered') return judge(spec, wait.value);
    if (wait.kind === 'timeout' && lastNotReady) return judge(spec, lastNotReady);
    return portWaitFailure(wait, spec.port, spec.timeoutMs, context);
  },
};
