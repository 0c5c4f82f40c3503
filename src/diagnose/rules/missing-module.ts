// missing-module: the code imports a module the image of this phase does not have.
import type { Diagnosis } from '../../model.js';
import { appRelativePath } from '../app-path.js';
import type { DiagnosisInput, DiagnosisRule } from '../diagnosis-input.js';
import { evidenceLines } from '../evidence-lines.js';
import { findLastLine, type LineMatch } from '../find-last-line.js';
import { pythonPackageFor } from '../package-names.js';
import { proposeApt } from '../remedy-packages.js';
import {
  describeLayer,
  isDeclared,
  layerAddingFile,
  layerDeclaring,
  layerUnderTest,
} from '../phase-layers.js';
import { appFrameAbove, frameLocation } from '../python-traceback.js';
import { isStartModule, startTarget } from '../start-target.js';

const PYTHON_NOT_FOUND = /\bModuleNotFoundError: No module named '([^']+)'/;
// `python3 -m uvicorn` without uvicorn installed: "/usr/bin/python3: No module named uvicorn".
const PYTHON_M = /^(\S*python[\d.]*): No module named ([\w.]+)$/;
const NODE_PACKAGE = /Cannot find package '([^']+)' imported from (\S+)/;
const NODE_MODULE = /Cannot find module '([^']+)'(?: imported from (\S+))?/;

interface Missing {
  /** As the error names it: `app.routes`, `express/lib/router`. */
  readonly full: string;
  /** What to install or look for: `app`, `express`, `@scope/pkg`. */
  readonly top: string;
  /** Who imported it: `app/main.py:2`, `server.js`, or the start command. */
  readonly importer: string;
  readonly local: boolean;
  /** True when `python3 -m NAME` itself found no module, rather than code importing it. */
  readonly dashM?: boolean;
  readonly evidence: readonly string[];
}

/** The project's own code, or the start command's target: never a package to install. */
function isOwnCode(input: DiagnosisInput, top: string): boolean {
  return input.localModules.includes(top) || isStartModule(startTarget(input.start), top);
}

function pythonMissing(input: DiagnosisInput, lines: readonly string[]): Missing | undefined {
  const error = findLastLine(lines, PYTHON_NOT_FOUND);
  if (error) {
    const full = error.match[1] ?? '';
    const top = full.split('.')[0] ?? full;
    const frame = appFrameAbove(lines, error.index);
    const evidence = frame
      ? [...lines.slice(frame.index, frame.source ? frame.index + 2 : frame.index + 1), error.line]
      : [error.line];
    const importer = frame ? frameLocation(frame) : 'the app';
    return { full, top, importer, local: isOwnCode(input, top), evidence };
  }
  const dashM = findLastLine(lines, PYTHON_M);
  if (!dashM) return undefined;
  const full = dashM.match[2] ?? '';
  const top = full.split('.')[0] ?? full;
  return {
    full,
    top,
    importer: `\`python3 -m ${full}\``,
    local: isOwnCode(input, top),
    dashM: true,
    evidence: [dashM.line],
  };
}

/** `express/lib/router` -> `express`; `@scope/pkg/sub` -> `@scope/pkg`. */
function npmPackageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

// tsc in a build step: `src/auth.ts(6,36): error TS2307: Cannot find module 'jose' or its ...`.
const TSC_LOCATION = /^(\S+?)\((\d+),\d+\): error TS2307: /;

function nodeImporter(lines: readonly string[], found: LineMatch, from: string | undefined): string {
  if (from) return appRelativePath(from);
  const tsc = TSC_LOCATION.exec(found.line);
  if (tsc) return `${tsc[1]}:${tsc[2]}`;
  // CommonJS lists the requiring files under "Require stack:", nearest first.
  const stack = lines[found.index + 1] === 'Require stack:' ? lines[found.index + 2] : undefined;
  return stack ? appRelativePath(stack.replace(/^- /, '')) : 'the app';
}

function nodeMissing(input: DiagnosisInput, lines: readonly string[]): Missing | undefined {
  const found = findLastLine(lines, NODE_PACKAGE) ?? findLastLine(lines, NODE_MODULE);
  if (!found) return undefined;
  const full = found.match[1] ?? '';
  const path = full.startsWith('.') || full.startsWith('/');
  const top = path ? full : npmPackageOf(full);
  const importer = nodeImporter(lines, found, found.match[2]);
  return { full, top, importer, local: path || input.localModules.includes(top), evidence: [found.line] };
}

function localRemedy(input: DiagnosisInput, missing: Missing): string {
  const where = describeLayer(input, layerUnderTest(input));
  if (input.stack === 'node') {
    return `${missing.full} is the app's own code: check that \`files:\` of ${where} includes it and that the path and extension are right (ESM imports need the \`.js\`).`;
  }
  if (missing.full !== missing.top) {
    const path = missing.full.replaceAll('.', '/');
    return `${missing.top} is the app's own package and is in the image, but ${missing.full} is not: add ${path}/ (or ${path}.py) to \`files:\` of ${where}.`;
  }
  return (
    `${missing.top} is the app's own code, so this import works only where the working directory or PYTHONPATH puts it on sys.path: ` +
    'in the container the code is in /app (WORKDIR). Start it as a package from /app (`python3 -m app.main` or `python3 -m uvicorn app.main:app`, ' +
    `not \`python3 app/main.py\`), set \`PYTHONPATH: /app\` under \`env:\`, or use relative imports; and check that \`files:\` of ${where} includes it.`
  );
}

type Remedy = Pick<Diagnosis, 'remedy' | 'packages'>;

function packageRemedy(input: DiagnosisInput, missing: Missing): Remedy {
  // The layer whose file imports the module should declare it; `cache.py:4` -> `cache.py`.
  const where = describeLayer(input, layerAddingFile(input, missing.importer.replace(/:\d+$/, '')));
  if (input.stack === 'node') {
    if (isDeclared(input, missing.top)) {
      const declared = describeLayer(input, layerDeclaring(input, missing.top));
      return {
        remedy: `${missing.top} is already under \`npm:\` in ${declared} yet Node cannot find it: check that node_modules is installed in /app, beside the code, and is not replaced by \`files:\`.`,
      };
    }
    return {
      remedy: `Add ${missing.top} under \`npm:\` in ${where}, e.g. \`npm: { ${missing.top}: "^<the version you use>" }\`.`,
      packages: { npm: missing.top },
    };
  }
  const names = pythonPackageFor(missing.top);
  if (isDeclared(input, names.pip) || isDeclared(input, names.debian)) {
    const viaApt = !isDeclared(input, names.pip);
    const declared = describeLayer(input, layerDeclaring(input, viaApt ? names.debian : names.pip));
    // In registry mode the runtime's Python lives in /usr/local; Debian's python3-* packages serve /usr/bin/python3.
    return {
      remedy:
        viaApt && input.imageMode === 'registry'
          ? `${names.debian} is under \`apt:\` in ${declared}, but Debian's packages serve Debian's python3, not ${input.runtime}'s: declare \`${names.pip}\` under \`pip:\` instead (or use \`images: local\`).`
          : `${missing.top} is already declared in ${declared}, yet the start command's Python cannot import it: check that the start command runs the same python3 the packages were installed for.`,
    };
  }
  const pip = `Add \`${names.pip}\` under \`pip:\` in ${where}`;
  if (input.imageMode !== 'local') return { remedy: `${pip}.`, packages: { pip: names.pip } };
  // Debian's name is a guess until the image's own apt says it exists: the engine asks before printing.
  return proposeApt({
    apt: names.debian,
    pip: names.pip,
    withApt: `Add \`${names.debian}\` under \`apt:\` in ${where}, or \`${names.pip}\` under \`pip:\`.`,
    withoutApt: `${pip}.`,
  });
}

export const missingModuleRule: DiagnosisRule = (input): Diagnosis | undefined => {
  const lines = evidenceLines(input);
  const missing = input.stack === 'python' ? pythonMissing(input, lines) : nodeMissing(input, lines);
  if (!missing) return undefined;
  const what = missing.local ? 'which is not importable' : 'which is not installed';
  const summary = missing.dashM
    ? `${missing.importer} found no module ${missing.full} in phase '${input.phase}' on ${input.runtime}.`
    : `${missing.importer} imports ${missing.full}, ${what} in phase '${input.phase}' on ${input.runtime}.`;
  return {
    class: 'missing-module',
    subject: missing.top,
    summary,
    ...(missing.local ? { remedy: localRemedy(input, missing) } : packageRemedy(input, missing)),
    evidence: missing.evidence,
  };
};
