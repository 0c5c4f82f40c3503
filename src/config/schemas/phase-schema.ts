// The schema of a phase file (phases/*.yaml): what one layer adds over the layers before it.
import { checkSchema } from './check-schema.js';
import { DRAFT_2020_12, ENV_NAME, SCHEMA_BASE, text, textList, textMap } from './fields.js';
import { servicesSchema } from './services-schema.js';

export const phaseSchema = {
  $schema: DRAFT_2020_12,
  $id: `${SCHEMA_BASE}/phase.schema.json`,
  title: 'a phase file',
  description:
    'One layer of the service, cumulative over the phase files before it (in file-name order): phase k is built and checked with everything layers 1..k declare, and must pass every earlier layer’s checks too.',
  type: 'object',
  additionalProperties: false,
  properties: {
    name: {
      title: 'phase name',
      description:
        'How reports, `run --phase` and bisect name this layer. Default: the file name without its numeric prefix (`20-db.yaml` is `db`).',
      type: 'string',
      pattern: '^[a-zA-Z0-9][a-zA-Z0-9_-]{0,40}$',
      patternErrorMessage: 'must be a short word: letters, digits, "-" and "_" (e.g. db, redis, auth)',
      examples: ['db'],
    },
    description: text('description', 'One line shown beside the name in reports.', [
      'Postgres through SQLAlchemy',
    ]),
    apt: textList('apt', 'Debian packages added to the image, each layer in its own image layers.', [
      ['python3-sqlalchemy', 'python3-psycopg2'],
    ]),
    pip: textList('pip', 'Python stack: requirement lines for pip (needs a reachable package index).', [
      ['sqlalchemy>=2'],
    ]),
    requirements: textList(
      'requirements',
      'Python stack: requirement files in the build context, installed with pip.',
      [['requirements-db.txt']],
    ),
    npm: textMap(
      'npm',
      'Node stack: dependencies this layer adds, name to version range.',
      { title: 'npm package name', examples: ['pg'] },
      'npm dependency',
      [{ pg: '^8.11.0' }],
    ),
    files: textList(
      'files',
      'Context paths this layer adds to the image. Leave it out to copy the whole build context; list them to prove that each layer’s image holds only the code of its layers.',
      [['app/db.py']],
    ),
    start: text(
      'start command',
      "Replaces the project's start command from this phase on (run with `sh -c`, `$PORT` set).",
      ['python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT'],
    ),
    build: text(
      'build command',
      'A build step run in the image after the dependencies are installed (e.g. `tsc`); the last layer that declares one wins, like `start`.',
      ['npm run build'],
    ),
    release: text(
      'release command',
      "A command run once in the app's image with the phase's env and services before the app starts (migrations: Render's pre-deploy command, Heroku's release phase); the last layer that declares one wins.",
      ['python3 manage.py migrate'],
    ),
    services: servicesSchema,
    env: textMap(
      'env',
      'Env values of the app container. A value may hold `${services.NAME.ATTR}` (a service declared by this phase or an earlier one) and `${random.secret}` (a random value made for each run, masked like a secret). `PORT` is set by stagebisect. Later phases may change a value.',
      { title: 'env name', ...ENV_NAME, examples: ['DATABASE_URL'] },
      'env',
      [{ DATABASE_URL: '${services.postgres.url}', FEATURE_DB: '1' }],
    ),
    secrets: textList(
      'secrets',
      'Names of environment variables read from the host when the app starts, never written into an image, a log or a report. Give them no value here.',
      [['OPENAI_API_KEY']],
      { title: 'secret name', ...ENV_NAME },
    ),
    checks: {
      title: 'checks',
      description:
        'What must hold for this layer to pass, after every earlier layer’s checks. The first phase needs at least one.',
      type: 'array',
      items: checkSchema,
      examples: [[{ http: 'GET /health/db', expect: { status: 200, body: 'ok', within_ms: 500 } }]],
    },
  },
  examples: [{ name: 'health', checks: [{ http: 'GET /health' }] }],
} as const;
