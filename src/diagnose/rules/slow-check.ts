// slow-check: the app was up and reachable, but answered too slowly or not at all.
import type { Diagnosis } from '../../model.js';
import { networkCheckEvidence } from '../check-evidence.js';
import type { DiagnosisInput, DiagnosisRule } from '../diagnosis-input.js';
import { appSockets, formatSocket, isWildcard } from '../socket-address.js';

function checkFile(input: DiagnosisInput, phase: string): string {
  const layer = input.layers.find((l) => l.name === phase);
  return layer ? `phase '${phase}' (${layer.file})` : `phase '${phase}'`;
}

const MOVE_WORK =
  'Move blocking work off the request path and out of start-up (load models, caches and connections lazily or in a background task, and keep handlers async-safe)';

export const slowCheckRule: DiagnosisRule = (input): Diagnosis | undefined => {
  const check = input.failedCheck;
  const evidence = networkCheckEvidence(check);
  if (!check || !evidence) return undefined;
  const where = checkFile(input, check.phase);

  const { latencyMs, withinMs } = evidence;
  if (latencyMs !== undefined && withinMs !== undefined && latencyMs > withinMs) {
    return {
      class: 'slow-check',
      subject: check.label,
      summary: `${check.label} answered in ${latencyMs} ms, over its limit of ${withinMs} ms.`,
      remedy: `${MOVE_WORK}; or, if your host really allows it, raise \`within_ms:\` of this check in ${where}.`,
      evidence: [check.message, `latencyMs: ${latencyMs}, withinMs: ${withinMs}`],
    };
  }

  // A check that got no answer is slow only if the app was alive and listening where the check knocked;
  // otherwise the cause is a crash or a wrong bind, which other rules name.
  if (!evidence.timedOut || evidence.containerRunning !== true) return undefined;
  const listening = appSockets(input.listening).find((s) => isWildcard(s.address) && s.port === input.port);
  if (!listening) return undefined;
  const waited = evidence.timeoutMs ?? evidence.latencyMs ?? check.durationMs;
  return {
    class: 'slow-check',
    subject: check.label,
    summary: `${check.label} got no answer within ${waited} ms, although the app was running and listening on ${formatSocket(listening.address, listening.port)}.`,
    remedy: `${MOVE_WORK}; or, if your host really allows it, raise \`timeout_s:\` of this check in ${where}.`,
    evidence: [
      check.message,
      `timedOut: true, containerRunning: true, listening: ${formatSocket(listening.address, listening.port)}`,
    ],
  };
};
