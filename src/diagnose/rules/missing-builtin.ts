// package-unavailable for a built-in: the code imports a `node:` module this runtime's Node does not have
// (ERR_UNKNOWN_BUILTIN_MODULE), e.g. node:sqlite before Node 22.5.
import type { Diagnosis } from '../../model.js';
import { appRelativePath, isAppPath } from '../app-path.js';
import type { DiagnosisRule } from '../diagnosis-input.js';
import { evidenceLines } from '../evidence-lines.js';
import { findLastLine } from '../find-last-line.js';

const UNKNOWN_BUILTIN = /^Error \[ERR_UNKNOWN_BUILTIN_MODULE\]: No such built-in module: (\S+)$/;
// A stack frame's location: `at fn (/app/server.js:1:26)` or `at /app/server.js:1:26`.
const FRAME = /^\s+at (?:.* \()?((?:file:\/\/)?\/[^():\s]+):(\d+):\d+\)?$/;
const NODE_VERSION = /^Node\.js v(\d+\.\d+\.\d+)$/;

/** The first Node release with a built-in users reach for on older runtimes (Node's API docs, "Added in"). */
const ADDED_IN: Readonly<Record<string, string>> = {
  'node:sqlite': '22.5.0',
};

export const missingBuiltinRule: DiagnosisRule = (input): Diagnosis | undefined => {
  if (input.stack !== 'node') return undefined;
  const lines = evidenceLines(input);
  const error = findLastLine(lines, UNKNOWN_BUILTIN);
  if (!error) return undefined;
  const module = error.match[1] ?? '';
  // CommonJS names the requiring file in the stack, below Node's own frames; ESM names none.
  const frames = lines.slice(error.index + 1, error.index + 12).map((line) => FRAME.exec(line));
  const frame = frames.find((match) => match !== null && isAppPath(match[1] ?? ''));
  const importer = frame ? `${appRelativePath(frame[1] ?? '')}:${frame[2]}` : 'The app';
  const exact = findLastLine(lines, NODE_VERSION)?.match[1];
  const runtime = exact ? `${input.runtime} (Node ${exact})` : input.runtime;
  const since = ADDED_IN[module];
  const need = since
    ? `${module} is built into Node ${since} and later`
    : `${module} comes with a newer Node`;
  return {
    class: 'package-unavailable',
    subject: module,
    summary: `${importer} imports ${module}, a built-in module that ${runtime} does not have.`,
    remedy: `${need}: pick such a runtime (\`--runtime\`, or drop this one from the matrix), or use an npm package instead under \`npm:\`.`,
    evidence: [error.line, ...(frame ? [frame.input] : [])],
  };
};
