// What a start command loads first: the module and attribute a server is told to serve, the module
// `python3 -m` runs, or the file python or node runs. That is the project's own code, never a package.

export type StartTarget =
  /** `uvicorn app.main:app`, `python3 -m app.worker`: a dotted module (and an attribute in it). */
  | { readonly kind: 'module'; readonly module: string; readonly attribute?: string }
  /** `python3 app/main.py`, `node server.js`. */
  | { readonly kind: 'file'; readonly path: string };

/**
 * Servers and task runners started as `python3 -m NAME ...` or as `NAME ...`: they are packages, and what
 * they load (`module:attr`) is the target.
 */
const SERVERS = new Set([
  'uvicorn',
  'gunicorn',
  'hypercorn',
  'granian',
  'daphne',
  'waitress',
  'celery',
  'rq',
  'dramatiq',
  'arq',
  'flask',
  'fastapi',
  'streamlit',
]);
// Options whose value is the next word (`--bind 0.0.0.0:8000`, `-k uvicorn.workers.UvicornWorker`).
const TAKES_VALUE =
  /^-(?:b|k|w|c|e|t|-bind|-host|-port|-workers|-worker-class|-config|-env-file|-log-level|-app-dir|-root-path|-timeout)$/;
const MODULE_ATTR = /^([A-Za-z_][\w.]*):([A-Za-z_][\w.]*)(?:\(.*\))?$/;
const ENV_ASSIGNMENT = /^[A-Za-z_]\w*=/;

/** Words of the last command of a shell line: `cd app && exec FOO=1 uvicorn x:y` -> [uvicorn, x:y]. */
function lastCommandWords(start: string): string[] {
  const commands = start.split(/&&|\|\||;/);
  const words = (commands[commands.length - 1] ?? '')
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/^(['"])(.*)\1$/, '$2'))
    .filter((word) => word !== '');
  while (words[0] === 'exec' || (words[0] !== undefined && ENV_ASSIGNMENT.test(words[0]))) words.shift();
  return words;
}

function base(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** The first `module:attr` among a server's arguments, skipping the values of its options. */
function served(words: readonly string[]): StartTarget | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (TAKES_VALUE.test(word)) {
      i++;
      continue;
    }
    const match = MODULE_ATTR.exec(word);
    if (match) return { kind: 'module', module: match[1] ?? '', attribute: match[2] ?? '' };
  }
  return undefined;
}

/** The first argument that is not an option, as python and node take their script. */
function script(words: readonly string[]): string | undefined {
  return words.find((word) => !word.startsWith('-'));
}

/** What the start command loads first, or undefined when it cannot be told (npm scripts, shell scripts). */
export function startTarget(start: string): StartTarget | undefined {
  const [command = '', ...args] = lastCommandWords(start);
  const program = base(command);
  if (SERVERS.has(program)) return served(args);
  if (/^python(?:\d+(?:\.\d+)?)?$/.test(program)) {
    const dashM = args.indexOf('-m');
    if (dashM >= 0) {
      const module = args[dashM + 1] ?? '';
      const rest = args.slice(dashM + 2);
      if (SERVERS.has(module.split('.')[0] ?? '')) return served(rest);
      return module ? { kind: 'module', module } : undefined;
    }
    const file = script(args);
    return file ? { kind: 'file', path: file } : undefined;
  }
  if (program === 'node' || program === 'nodejs') {
    const file = script(args);
    return file ? { kind: 'file', path: file } : undefined;
  }
  return undefined;
}

/** Whether `module` (as an import error names it) is the start target or a package on its path. */
export function isStartModule(target: StartTarget | undefined, module: string): boolean {
  if (target?.kind !== 'module' || module === '') return false;
  return target.module === module || target.module.startsWith(`${module}.`);
}
