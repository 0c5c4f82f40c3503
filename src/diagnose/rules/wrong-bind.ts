// wrong-bind: the app is up but listens where the check cannot reach it (loopback, or another port).
import type { Diagnosis, ListeningSocket } from '../../model.js';
import { boundSockets, couldNotConnect, networkCheckEvidence } from '../check-evidence.js';
import type { DiagnosisInput, DiagnosisRule } from '../diagnosis-input.js';
import { appLogLines } from '../evidence-lines.js';
import { findLastLine } from '../find-last-line.js';
import { appSockets, formatSocket, isLoopback, isWildcard } from '../socket-address.js';

// uvicorn: "Uvicorn running on http://127.0.0.1:8000"; apps commonly print "listening on 127.0.0.1:3000".
const BOUND_IN_LOG =
  /\b(?:running|listening|serving|started|bound)\b.{0,40}?\b(?:on|at)\s+(?:https?:\/\/)?(\[[0-9a-f:]+\]|localhost|\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})\b/i;

interface Bound {
  readonly address: string;
  readonly port: number;
  readonly evidence: string;
}

function boundFromSockets(input: DiagnosisInput, sockets: readonly ListeningSocket[]): Bound | undefined {
  const loopback = sockets.filter((s) => isLoopback(s.address));
  const chosen = loopback.find((s) => s.port === input.port) ?? loopback[0] ?? sockets[0];
  if (!chosen) return undefined;
  const all = sockets.map((s) => formatSocket(s.address, s.port)).join(', ');
  return { address: chosen.address, port: chosen.port, evidence: `listening: ${all}` };
}

function boundFromLog(input: DiagnosisInput): Bound | undefined {
  const found = findLastLine(appLogLines(input), BOUND_IN_LOG);
  if (!found) return undefined;
  const address = (found.match[1] ?? '').replace(/^\[(.*)\]$/, '$1');
  const port = Number(found.match[2]);
  if (isWildcard(address) && port === input.port) return undefined;
  if (!isLoopback(address) && !isWildcard(address)) return undefined;
  return { address, port, evidence: found.line };
}

function remedy(input: DiagnosisInput): string {
  const how =
    input.stack === 'python'
      ? 'e.g. `--host 0.0.0.0 --port $PORT` for uvicorn'
      : "e.g. `server.listen(Number(process.env.PORT), '0.0.0.0')`";
  return `Bind 0.0.0.0 and listen on $PORT (${input.port}) in \`start:\` of stagebisect.yaml or in the app (${how}); a container's 127.0.0.1 is reachable only from inside that container.`;
}

export const wrongBindRule: DiagnosisRule = (input): Diagnosis | undefined => {
  if (!couldNotConnect(input.failedCheck)) return undefined;
  // The sockets the app really holds outrank what its log claims; the log speaks only when none were seen.
  const seen =
    input.listening.length > 0 ? input.listening : boundSockets(networkCheckEvidence(input.failedCheck));
  const sockets = appSockets(seen);
  if (sockets.some((s) => isWildcard(s.address) && s.port === input.port)) return undefined;
  const bound = sockets.length > 0 ? boundFromSockets(input, sockets) : boundFromLog(input);
  if (!bound) return undefined;
  const at = formatSocket(bound.address, bound.port);
  const where = isLoopback(bound.address)
    ? `on ${at}, which only the container itself can reach,`
    : `on ${at}, not on $PORT (${input.port}),`;
  const check = input.failedCheck?.label ?? 'the check';
  return {
    class: 'wrong-bind',
    subject: at,
    summary: `The app listens ${where} so ${check} could not connect to port ${input.port}.`,
    remedy: remedy(input),
    evidence: [bound.evidence, ...(input.failedCheck ? [input.failedCheck.message] : [])],
  };
};
