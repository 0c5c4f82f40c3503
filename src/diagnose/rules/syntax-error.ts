// syntax-error: Python or Node could not parse one of the app's files.
import type { Diagnosis, StackName } from '../../model.js';
import { appRelativePath } from '../app-path.js';
import type { DiagnosisInput, DiagnosisRule } from '../diagnosis-input.js';
import { evidenceLines } from '../evidence-lines.js';
import { findLastLine, findNextLine } from '../find-last-line.js';
import { codeFrameAbove } from '../python-traceback.js';

const PYTHON_SYNTAX = /^(SyntaxError|IndentationError|TabError): (.*)$/;
const NODE_SYNTAX = /^SyntaxError: (.*)$/;
// Node prints the failing location as `/app/server.js:4` (CommonJS) or `file:///app/server.mjs:6` (ESM).
const NODE_LOCATION = /^((?:file:\/\/)?\/\S+?):(\d+)$/;
// A SyntaxError thrown by JSON.parse is about data, not code; its stack says so.
const NODE_DATA_PARSE = /^\s+at JSON\.parse\b/;

interface Located {
  readonly path: string;
  readonly line: number;
  readonly kind: string;
  readonly message: string;
  readonly evidence: readonly string[];
}

function pythonSyntax(lines: readonly string[]): Located | undefined {
  const error = findLastLine(lines, PYTHON_SYNTAX);
  if (!error) return undefined;
  const frame = codeFrameAbove(lines, error.index);
  if (!frame) return undefined;
  return {
    path: appRelativePath(frame.path),
    line: frame.line,
    kind: error.match[1] ?? 'SyntaxError',
    message: error.match[2] ?? '',
    evidence: lines.slice(frame.index, error.index + 1),
  };
}

function nodeSyntax(lines: readonly string[]): Located | undefined {
  const error = findLastLine(lines, NODE_SYNTAX);
  if (!error) return undefined;
  const stackEnd = findNextLine(lines, /^\s*$/, error.index + 1)?.index ?? lines.length;
  if (findNextLine(lines, NODE_DATA_PARSE, error.index + 1, stackEnd)) return undefined;
  const location = findLastLine(lines.slice(Math.max(0, error.index - 6), error.index), NODE_LOCATION);
  if (!location) return undefined;
  const start = Math.max(0, error.index - 6) + location.index;
  return {
    path: appRelativePath(location.match[1] ?? ''),
    line: Number(location.match[2]),
    kind: 'SyntaxError',
    message: error.match[1] ?? '',
    evidence: lines.slice(start, error.index + 1).filter((line) => line.trim() !== ''),
  };
}

function check(stack: StackName, path: string): string {
  return stack === 'python' ? `\`python3 -m py_compile ${path}\`` : `\`node --check ${path}\``;
}

export const syntaxErrorRule: DiagnosisRule = (input: DiagnosisInput): Diagnosis | undefined => {
  const lines = evidenceLines(input);
  const found = input.stack === 'python' ? pythonSyntax(lines) : nodeSyntax(lines);
  if (!found) return undefined;
  const subject = `${found.path}:${found.line}`;
  return {
    class: 'syntax-error',
    subject,
    summary: `${found.path} does not parse at line ${found.line} (${found.kind}: ${found.message}), so phase '${input.phase}' cannot load it.`,
    remedy: `Fix line ${found.line} of ${found.path} (or the line before it: an unclosed bracket is reported where parsing gave up); ${check(input.stack, found.path)} finds the error without a build.`,
    evidence: found.evidence,
  };
};
