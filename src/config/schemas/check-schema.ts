// The schema of one entry of a phase's `checks:` list: one kind key (http, log, exec, import, exit, tcp)
// and the options of that kind. Each kind is a `oneOf` branch told apart by the key it requires.
import { port, seconds, text, textMap, wholeNumber } from './fields.js';

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const methods = [...HTTP_METHODS, ...HTTP_METHODS.map((m) => m.toLowerCase())].join('|');

/** `GET /health`, `POST /token`, or a bare `/health` (GET). */
export const HTTP_TARGET = `^\\s*(?:(?:${methods})\\s+)?/\\S*\\s*$`;

const exitCode = (title: string, description: string) =>
  ({ ...wholeNumber(title, description, { minimum: 0, maximum: 255 }, [0]), default: 0 }) as const;

const httpCheck = {
  title: 'an http check',
  description: 'A request from the host to the container, as a host router or health check sends it.',
  type: 'object',
  required: ['http'],
  additionalProperties: false,
  properties: {
    http: {
      title: 'http check target',
      description:
        '`METHOD /path` (GET when the method is left out). 502, 503 and 504 mean "not ready yet" and are retried until the timeout; other answers are judged at once.',
      type: 'string',
      pattern: HTTP_TARGET,
      patternErrorMessage: `must be "METHOD /path", with METHOD one of ${HTTP_METHODS.join(', ')}`,
      examples: ['GET /health', 'POST /auth/token'],
    },
    expect: {
      title: 'http check expect',
      description: 'What the answer must be.',
      type: 'object',
      additionalProperties: false,
      properties: {
        status: {
          ...wholeNumber(
            'expected status',
            'The HTTP status the answer must have.',
            { minimum: 100, maximum: 599 },
            [200],
          ),
          default: 200,
        },
        body: text('expected body text', 'Text the answer body must contain.', ['ok']),
        within_ms: wholeNumber(
          'within_ms',
          'The answering request must take at most this many milliseconds.',
          { minimum: 1, maximum: 3_600_000 },
          [500],
        ),
      },
      examples: [{ status: 200, body: 'ok', within_ms: 500 }],
    },
    timeout_s: seconds('http check timeout (seconds)', 'How long the check may wait in all.', 30),
    port: port('http check port', "The port to ask, when not the project's `port`.", [8080]),
    headers: textMap(
      'http check headers',
      'Request headers.',
      { title: 'header name', examples: ['authorization'] },
      'header',
      [{ authorization: 'Bearer test' }],
    ),
    body: text('http request body', 'A text request body.', ['name=demo']),
    json: {
      title: 'http request json',
      description:
        'A request body sent as JSON (content-type: application/json unless `headers` says otherwise). Use `body` or `json`, not both.',
      examples: [{ username: 'demo', password: 'demo' }],
    },
  },
  examples: [{ http: 'GET /health', expect: { status: 200, body: 'ok', within_ms: 500 } }],
} as const;

const logCheck = {
  title: 'a log check',
  description:
    'The app logs `expect` in time and has not logged `forbid` by then. Text matches as a substring; `/.../` is a regular expression.',
  type: 'object',
  required: ['log'],
  additionalProperties: false,
  properties: {
    log: {
      title: 'log check',
      description: 'The text to wait for, or `{ expect, forbid, within_s }`.',
      type: ['string', 'object'],
      minLength: 1,
      additionalProperties: false,
      properties: {
        expect: text('log expect', 'Text the app must log.', ['Application startup complete.']),
        forbid: text('log forbid', 'Text the app must not log.', ['Traceback']),
        within_s: seconds('log check within_s (seconds)', 'How long to wait for `expect`.', 20),
      },
      anyOf: [{ required: ['expect'] }, { required: ['forbid'] }],
      examples: ['Application startup complete.', { expect: 'database ready', forbid: 'Traceback' }],
    },
    timeout_s: seconds('log check timeout (seconds)', 'How long the check may wait in all.', 20),
  },
  examples: [{ log: { expect: 'Application startup complete.', forbid: 'Traceback', within_s: 20 } }],
} as const;

const execCheck = {
  title: 'an exec check',
  description: 'A command run inside the app container with `sh -c`.',
  type: 'object',
  required: ['exec'],
  additionalProperties: false,
  properties: {
    exec: text('exec check command', 'The command.', ['python3 -c "import app.db"']),
    expect: {
      title: 'exec check expect',
      description: 'What the command must do.',
      type: 'object',
      additionalProperties: false,
      properties: {
        exit: exitCode('expected exit code', 'The exit code the command must end with.'),
        output: text('expected output text', 'Text the output must contain.', ['1.0.0']),
      },
      examples: [{ exit: 0, output: '1.0.0' }],
    },
    timeout_s: seconds('exec check timeout (seconds)', 'How long the command may run.', 30),
    within_s: seconds('exec check within_s (seconds)', 'Another name for `timeout_s`.', 30),
  },
  examples: [{ exec: 'python3 -c "import app.db"', expect: { exit: 0 } }],
} as const;

const importCheck = {
  title: 'an import check',
  description: 'The module imports in a fresh container with only the declared env: no secrets, no services.',
  type: 'object',
  required: ['import'],
  additionalProperties: false,
  properties: {
    import: text('import check module', 'The module to import.', ['app.main']),
    timeout_s: seconds('import check timeout (seconds)', 'How long the import may take.', 60),
  },
  examples: [{ import: 'app.main' }],
} as const;

const exitCheck = {
  title: 'an exit check',
  description:
    "A one-off container with the app's env (a worker tick, a migration) exits with `code` in time.",
  type: 'object',
  required: ['exit'],
  additionalProperties: false,
  properties: {
    exit: {
      title: 'exit check',
      description: 'The command, or `{ command, code, within_s }`.',
      type: ['string', 'object'],
      minLength: 1,
      required: ['command'],
      additionalProperties: false,
      properties: {
        command: text('exit check command', 'The command the container runs.', ['python3 worker.py --once']),
        code: exitCode('expected exit code', 'The exit code it must end with.'),
        within_s: seconds('exit check within_s (seconds)', 'How long it may run.', 60),
      },
      examples: [{ command: 'python3 worker.py --once', code: 0, within_s: 30 }],
    },
    timeout_s: seconds('exit check timeout (seconds)', 'How long it may run.', 60),
  },
  examples: [{ exit: { command: 'python3 worker.py --once', code: 0 } }],
} as const;

const tcpCheck = {
  title: 'a tcp check',
  description: 'The port accepts a connection from outside the container (an app bound to 127.0.0.1 fails).',
  type: 'object',
  required: ['tcp'],
  additionalProperties: false,
  properties: {
    tcp: port('tcp check port', 'The port.', [8000]),
    timeout_s: seconds('tcp check timeout (seconds)', 'How long to wait for it.', 30),
  },
  examples: [{ tcp: 8000 }],
} as const;

export const checkSchema = {
  title: 'a check',
  description:
    'One check: a kind key with its target, and that kind’s options. Checks run in order; the first failure ends the cell.',
  type: 'object',
  oneOf: [httpCheck, logCheck, execCheck, importCheck, exitCheck, tcpCheck],
  examples: [{ http: 'GET /health', expect: { status: 200 } }],
} as const;
