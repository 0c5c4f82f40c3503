// bad-start-command: the start command names an executable, file, module or attribute that is not there.
import type { Diagnosis } from '../../model.js';
import { appRelativePath, isAppPath } from '../app-path.js';
import type { DiagnosisInput, DiagnosisRule } from '../diagnosis-input.js';
import { appLogLines } from '../evidence-lines.js';
import { findLastLine, findNextLine, type LineMatch } from '../find-last-line.js';
import { describeLayer, layerUnderTest } from '../phase-layers.js';
import { appFrameAbove } from '../python-traceback.js';
import { isStartModule, startTarget } from '../start-target.js';

const FIX_START = '`start:` in stagebisect.yaml, or in the phase file that overrides it';

// dash: "sh: 1: uvicorn: not found"; bash: "bash: line 1: uvicorn: command not found".
const SHELL_NOT_FOUND = /^(?:\/bin\/)?(?:ba|da)?sh: (?:line )?(?:\d+: )?(.+?): (?:command )?not found$/;
// The runtime's own refusal when the command is exec'd without a shell.
const EXEC_NOT_FOUND = /exec: "([^"]+)": executable file not found/;
const PERMISSION_DENIED =
  /^(?:(?:\/bin\/)?(?:ba|da)?sh: (?:line )?(?:\d+: )?)?(.+?): Permission denied$|exec: "([^"]+)": permission denied/;
const CANNOT_OPEN = /can't open file '([^']+)': \[Errno 2\] No such file or directory/;
const ASGI_MODULE = /Error loading ASGI app\. Could not import module "([^"]+)"\./;
const ASGI_ATTRIBUTE = /Error loading ASGI app\. Attribute "([^"]+)" not found in module "([^"]+)"\./;
const NODE_START_FILE = /Cannot find module '(\/[^']+)'/;
// gunicorn's own words for a module:attr whose attribute is missing.
const GUNICORN_ATTRIBUTE = /^Failed to find attribute '([^']+)' in '([^']+)'\.$/;
// The start target's module (or a package on its path) not found: raised bare through uvicorn's and
// gunicorn's importers, or told by `python3 -m` itself.
const MODULE_NOT_FOUND = /\bModuleNotFoundError: No module named '([^']+)'/;
const DASH_M_SPEC =
  /^\S*python[\d.]*: Error while finding module specification for '([^']+)' \(ModuleNotFoundError: No module named '([^']+)'\)$/;
const DASH_M = /^\S*python[\d.]*: No module named ([\w.]+)$/;
const NPM_MISSING_SCRIPT = /^npm (?:error|ERR!) Missing script: "([^"]+)"/;
const NPM_NO_MANIFEST = /^npm (?:error|ERR!) enoent Could not read package\.json/;
// A module required from code lists the requiring files; the start file has none.
const NODE_IMPORTED = /^Require stack:|imported from /;

type Found = Pick<Diagnosis, 'subject' | 'summary' | 'remedy' | 'evidence'>;

/** The user's own start command with `uvicorn` run as a module; a generic one when it cannot be told. */
function asModule(start: string): string {
  const rewritten = start.replace(/(^|&&\s*|;\s*|exec\s+)uvicorn(?=\s)/, '$1python3 -m uvicorn');
  return rewritten !== start ? rewritten : 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT';
}

function notFound(input: DiagnosisInput, name: string, line: string): Found {
  const uvicorn = name === 'uvicorn' && input.stack === 'python';
  const module = uvicorn ? asModule(input.start) : '';
  const why = uvicorn
    ? input.imageMode === 'local'
      ? ` Debian's python3-uvicorn installs the module but no \`uvicorn\` executable: start it with \`${module}\`.`
      : ` Either uvicorn is not installed (add it under \`pip:\`) or start it as a module: \`${module}\`.`
    : ` Use an executable the image has (check its spelling and PATH), or install the package that provides it.`;
  return {
    subject: name,
    summary: `The start command runs \`${name}\`, which is not an executable in the image of phase '${input.phase}'.`,
    remedy: `Fix ${FIX_START}.${why}`,
    evidence: [line],
  };
}

function find(input: DiagnosisInput, lines: readonly string[]): Found | undefined {
  // A shell's "not found" or "Permission denied" is the start command's only when the shell exited with it.
  const code = input.exit?.code;
  const shell = code === 127 ? findLastLine(lines, SHELL_NOT_FOUND) : undefined;
  if (shell) return notFound(input, shell.match[1] ?? '', shell.line);
  const exec = findLastLine(lines, EXEC_NOT_FOUND);
  if (exec) return notFound(input, exec.match[1] ?? '', exec.line);

  const denied = code === 126 ? findLastLine(lines, PERMISSION_DENIED) : undefined;
  if (denied) {
    const file = denied.match[1] ?? denied.match[2] ?? '';
    return {
      subject: file,
      summary: `The start command runs ${file}, which is not executable in the image (permission denied).`,
      remedy: `Run it through its interpreter (e.g. \`sh ${file}\`) in ${FIX_START}; or make it executable in the build context (\`chmod +x\`, and commit the mode).`,
      evidence: [denied.line],
    };
  }
  const open = findLastLine(lines, CANNOT_OPEN);
  if (open) return startFileMissing(input, open.match[1] ?? '', open.line);
  const attribute = findLastLine(lines, ASGI_ATTRIBUTE);
  if (attribute) return attributeMissing('uvicorn', attribute);
  const module = findLastLine(lines, ASGI_MODULE);
  if (module) {
    const name = module.match[1] ?? '';
    return {
      subject: name,
      summary: `uvicorn could not import the module "${name}" named in the start command.`,
      remedy: `Fix the module path, dotted and relative to /app (app/main.py is \`app.main\`), in ${FIX_START}; or add the module's file to \`files:\` of the phase that brings in the code.`,
      evidence: [module.line],
    };
  }
  const gunicorn = findLastLine(lines, GUNICORN_ATTRIBUTE);
  if (gunicorn) return attributeMissing('gunicorn', gunicorn);
  const target = startTargetMissing(input, lines);
  if (target) return target;
  const start = findLastLine(lines, NODE_START_FILE);
  if (
    start &&
    isAppPath(start.match[1] ?? '') &&
    !findNextLine(lines, NODE_IMPORTED, start.index, start.index + 3)
  ) {
    return startFileMissing(input, start.match[1] ?? '', start.line);
  }
  return npmStart(input, lines);
}

/** The server imported the start target's module but found no such attribute: `app.main:ap`. */
function attributeMissing(server: string, found: LineMatch): Found {
  const [, name = '', module = ''] = found.match;
  return {
    subject: `${module}:${name}`,
    summary: `${server} imported ${module} but found no attribute "${name}" in it to serve.`,
    remedy: `Name the app the module defines (usually \`${module}:app\`) in ${FIX_START}.`,
    evidence: [found.line],
  };
}

/**
 * The module the start command names (or a package on its path) is not in the image: `backend.app:app` in
 * a project whose package is `app`. It is the project's own code or a typo in `start:`, never a package to
 * install, whichever way the server reports it.
 */
function startTargetMissing(input: DiagnosisInput, lines: readonly string[]): Found | undefined {
  const target = startTarget(input.start);
  if (target?.kind !== 'module') return undefined;
  const spec = findLastLine(lines, DASH_M_SPEC);
  const dashM = findLastLine(lines, DASH_M);
  const bare = findLastLine(lines, MODULE_NOT_FOUND);
  // A missing module raised from the app's own code is an import of that code, not the start target.
  const fromStart = bare && !appFrameAbove(lines, bare.index) ? bare : undefined;
  const found = [
    spec && { missing: spec.match[2] ?? '', line: spec.line },
    dashM && { missing: dashM.match[1] ?? '', line: dashM.line },
    fromStart && { missing: fromStart.match[1] ?? '', line: fromStart.line },
  ].find((f) => f && isStartModule(target, f.missing));
  if (!found) return undefined;
  const named = target.attribute ? `${target.module}:${target.attribute}` : target.module;
  const top = found.missing.split('.')[0] ?? found.missing;
  const inContext = input.localModules.includes(top)
    ? ` ${top} is in the build context: add it to \`files:\` of the phase that brings in the code.`
    : ` Nothing in the build context is called ${top}.`;
  return {
    subject: target.module,
    summary: `The start command names the module ${named}, but the image of phase '${input.phase}' has no module ${found.missing}.`,
    remedy: `Fix the module path in ${FIX_START}: dotted and relative to /app (app/main.py is \`app.main\`).${inContext}`,
    evidence: [found.line],
  };
}

/** `npm start` without a start script, or without a package.json in /app. */
function npmStart(input: DiagnosisInput, lines: readonly string[]): Found | undefined {
  const script = findLastLine(lines, NPM_MISSING_SCRIPT);
  if (script) {
    const name = script.match[1] ?? '';
    return {
      subject: `npm ${name === 'start' ? 'start' : `run ${name}`}`,
      summary: `The start command runs the npm script "${name}", which package.json does not define.`,
      remedy: `Add a "${name}" script to package.json (e.g. \`"${name}": "node server.js"\`), or run the server file directly in ${FIX_START} (\`node server.js\`).`,
      evidence: [script.line],
    };
  }
  const manifest = findLastLine(lines, NPM_NO_MANIFEST);
  if (!manifest) return undefined;
  return {
    subject: 'package.json',
    summary: `The start command runs npm, but the image of phase '${input.phase}' has no /app/package.json.`,
    remedy: `Add package.json to \`files:\` of the first phase (npm reads its scripts there), or run the server file directly in ${FIX_START}.`,
    evidence: [manifest.line],
  };
}

/** When the phase under test changed `start:`, a sentence saying so: that change is the likely cause. */
function startChange(input: DiagnosisInput): string {
  const layer = layerUnderTest(input);
  if (layer?.start === undefined || input.previousStart === undefined) return '';
  if (input.previousStart === input.start) return '';
  const phase = describeLayer(input, layer);
  return ` ${phase.charAt(0).toUpperCase()}${phase.slice(1)} changed \`start:\` to \`${input.start}\` (it was \`${input.previousStart}\`).`;
}

/** The start command names a file (python3 app/x.py, node server.js) that the phase's image lacks. */
function startFileMissing(input: DiagnosisInput, path: string, line: string): Found {
  const file = appRelativePath(path);
  return {
    subject: file,
    summary: `The start command runs ${file}, which is not in the image of phase '${input.phase}'.`,
    remedy: `Fix the path in ${FIX_START}; or add ${file} to \`files:\` of the phase that brings in the code.`,
    evidence: [line],
  };
}

export const badStartCommandRule: DiagnosisRule = (input) => {
  // The start command's complaints land in the app's own log; a check's output is about the check.
  const found = find(input, appLogLines(input));
  if (!found) return undefined;
  return { class: 'bad-start-command', ...found, summary: `${found.summary}${startChange(input)}` };
};
