// wrong-bind, the crash form: the app cannot listen on its port because something in the container already
// does (EADDRINUSE), usually a second server of the app itself on $PORT.
import type { Diagnosis } from '../../model.js';
import type { DiagnosisRule } from '../diagnosis-input.js';
import { appLogLines } from '../evidence-lines.js';
import { findLastLine } from '../find-last-line.js';

const NODE_IN_USE = /^Error: listen EADDRINUSE: address already in use (\S+):(\d+)$/;

export const portInUseRule: DiagnosisRule = (input): Diagnosis | undefined => {
  if (input.stack !== 'node') return undefined;
  const error = findLastLine(appLogLines(input), NODE_IN_USE);
  if (!error) return undefined;
  const [, address = '', port = ''] = error.match;
  const at = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
  const own = Number(port) === input.port;
  return {
    class: 'wrong-bind',
    subject: at,
    summary: `The app could not listen on ${at}: something in its container already listens there (EADDRINUSE), so it stopped.`,
    remedy: own
      ? `Only one server may listen on $PORT (${input.port}): give any second server (metrics, an admin API, a worker) its own port, and check that the start command does not start the app twice.`
      : `Port ${port} is taken inside the container: give each server its own port, and listen on $PORT (${input.port}) for the one the checks reach.`,
    evidence: [error.line],
  };
};
