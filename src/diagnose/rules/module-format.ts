// ES modules and CommonJS mixed the way Node refuses: require() of an ES-only package (ERR_REQUIRE_ESM)
// or of one with top-level await (ERR_REQUIRE_ASYNC_MODULE), `import` in a CommonJS file, `require` in an
// ES module. A package that cannot be loaded this way is package-unavailable; the app's own file is a
// syntax-error (Node cannot load it as written).
import type { Diagnosis } from '../../model.js';
import { appRelativePath } from '../app-path.js';
import type { DiagnosisInput, DiagnosisRule } from '../diagnosis-input.js';
import { evidenceLines } from '../evidence-lines.js';
import { findLastLine, findNextLine } from '../find-last-line.js';
import { packageInPath } from '../node-package-path.js';

const REQUIRE_ESM = /^Error \[ERR_REQUIRE_ESM\]: require\(\) of ES Module (\S+) from (\S+) not supported\./;
const REQUIRE_ASYNC =
  /^Error \[ERR_REQUIRE_ASYNC_MODULE\]: require\(\) cannot be used on an ESM graph with top-level await/;
const ASYNC_FROM = /^\s+From (\S+)\s*$/;
const ASYNC_REQUIRING = /^\s+Requiring (\S+)\s*$/;
const IMPORT_IN_CJS = /^SyntaxError: Cannot use import statement outside a module$/;
const REQUIRE_IN_ESM = /^ReferenceError: require is not defined in ES module scope/;
// The failing location Node prints above the error: `/app/server.js:1` or `file:///app/server.js:1`.
const LOCATION = /^((?:file:\/\/)?\/\S+?):(\d+)$/;
const NODE_VERSION = /^Node\.js (v\d+\.\d+\.\d+)$/;

function runtimeOf(input: DiagnosisInput, lines: readonly string[]): string {
  const exact = findLastLine(lines, NODE_VERSION)?.match[1];
  return exact ? `${input.runtime} (Node ${exact.slice(1)})` : input.runtime;
}

function requireEsm(input: DiagnosisInput, lines: readonly string[]): Diagnosis | undefined {
  const error = findLastLine(lines, REQUIRE_ESM);
  if (!error) return undefined;
  const [, module = '', from = ''] = error.match;
  const importer = appRelativePath(from);
  const name = packageInPath(module);
  const runtime = runtimeOf(input, lines);
  if (name) {
    return {
      class: 'package-unavailable',
      subject: name,
      summary: `${importer} require()s ${name}, which is an ES module only: ${runtime} cannot load it with require().`,
      remedy: `Load it with \`await import('${name}')\` (or make the app an ES module), pin the last CommonJS release of ${name}, or pick a Node that can require() ES modules (20.19 or later, 22.12 or later).`,
      evidence: [error.line],
    };
  }
  const file = appRelativePath(module);
  return {
    class: 'syntax-error',
    subject: file,
    summary: `${importer} require()s ${file}, an ES module, which ${runtime} cannot load with require().`,
    remedy: `Load ${file} with \`await import()\`, or make both files the same kind of module; Node 20.19 and 22.12 or later can require() an ES module without top-level await.`,
    evidence: [error.line],
  };
}

function requireAsync(input: DiagnosisInput, lines: readonly string[]): Diagnosis | undefined {
  const error = findLastLine(lines, REQUIRE_ASYNC);
  if (!error) return undefined;
  const from = findNextLine(lines, ASYNC_FROM, error.index + 1, error.index + 3);
  const requiring = findNextLine(lines, ASYNC_REQUIRING, error.index + 1, error.index + 4);
  const module = requiring?.match[1] ?? '';
  const importer = from ? appRelativePath(from.match[1] ?? '') : 'the app';
  const name = packageInPath(module);
  const target = name ?? appRelativePath(module);
  const evidence = [error.line, ...(from ? [from.line] : []), ...(requiring ? [requiring.line] : [])];
  const summary = `${importer} require()s ${target || 'an ES module'}, an ES module with top-level await, which require() cannot load on any Node.`;
  if (name) {
    return {
      class: 'package-unavailable',
      subject: name,
      summary,
      remedy: `Load ${name} with \`await import('${name}')\` instead of require(), or pin a release of ${name} without top-level await.`,
      evidence,
    };
  }
  return {
    class: 'syntax-error',
    subject: target || null,
    summary,
    remedy: `Load ${target || 'it'} with \`await import()\`, or move its top-level await into a function the caller awaits; \`node --experimental-print-required-tla\` shows where the await is.`,
    evidence,
  };
}

function wrongKind(lines: readonly string[]): Diagnosis | undefined {
  const error = findLastLine(lines, IMPORT_IN_CJS) ?? findLastLine(lines, REQUIRE_IN_ESM);
  if (!error) return undefined;
  const window = lines.slice(Math.max(0, error.index - 6), error.index);
  const location = findLastLine(window, LOCATION);
  if (!location) return undefined;
  const file = appRelativePath(location.match[1] ?? '');
  const subject = `${file}:${location.match[2]}`;
  const importing = IMPORT_IN_CJS.test(error.line);
  const evidence = [location.line, error.line, ...(importing ? [] : [lines[error.index + 1] ?? ''])].filter(
    (l) => l !== '',
  );
  return {
    class: 'syntax-error',
    subject,
    summary: importing
      ? `${file} uses \`import\`, but Node loads it as CommonJS (line ${location.match[2]}), so it cannot run.`
      : `${file} uses \`require\`, but Node loads it as an ES module (line ${location.match[2]}), where require is not defined.`,
    remedy: importing
      ? `Set \`"type": "module"\` in package.json (or rename it to .mjs), or compile it to CommonJS; with TypeScript, check \`module\` in tsconfig.json against package.json's \`type\`.`
      : `Use \`import\` in ${file}, or rename it to .cjs (package.json's \`"type": "module"\` makes every .js file an ES module).`,
    evidence,
  };
}

export const moduleFormatRule: DiagnosisRule = (input) => {
  if (input.stack !== 'node') return undefined;
  const lines = evidenceLines(input);
  return requireEsm(input, lines) ?? requireAsync(input, lines) ?? wrongKind(lines);
};
