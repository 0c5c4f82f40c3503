// The schema of stagebisect.yaml: the service under test, how it starts, and where its phase files are.
import { CONTEXT_FILES, IMAGE_MODES, STACK_NAMES } from '../../model.js';
import { MEMORY_PATTERN } from '../parse-memory.js';
import { RUNTIME_PATTERN } from '../parse-runtime.js';
import { DRAFT_2020_12, port, SCHEMA_BASE, text } from './fields.js';

export const projectSchema = {
  $schema: DRAFT_2020_12,
  $id: `${SCHEMA_BASE}/project.schema.json`,
  title: 'stagebisect.yaml',
  description:
    'A project: the service under test, how it starts, on which runtime, and where its phase files are.',
  type: 'object',
  required: ['name', 'stack', 'port', 'start', 'runtime'],
  additionalProperties: false,
  properties: {
    name: {
      title: 'name',
      description: "The project's name, used in image labels and reports.",
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9._-]{0,62}$',
      patternErrorMessage: 'must be lower-case letters, digits, ".", "_" or "-" (it names images)',
      examples: ['my-service'],
    },
    stack: {
      title: 'stack',
      description:
        '`python` (Debian packages, pip, requirement files) or `node` (Debian packages, npm dependencies installed on the host and copied in).',
      type: 'string',
      enum: STACK_NAMES,
      examples: ['python'],
    },
    context: {
      ...text(
        'context',
        'The directory sent to the build, relative to this file, filtered by its `.dockerignore` as `docker build` does.',
        ['.'],
      ),
      default: '.',
    },
    context_files: {
      title: 'context_files',
      description:
        '`git`: in a git work tree, the build context is the files git tracks (with their working-tree content), as a host building from the pushed commit sees them; outside one, every file. `directory`: every file of the context, less `.dockerignore`.',
      type: 'string',
      enum: CONTEXT_FILES,
      default: 'git',
      examples: ['directory'],
    },
    port: port(
      'port',
      'The port the app listens on inside the container. stagebisect sets `PORT` to it; checks default to it.',
      [8000],
    ),
    start: text('start command', 'The start command, run as `sh -c "<start>"` so `$PORT` expands.', [
      'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT',
    ]),
    runtime: {
      title: 'runtime',
      description:
        'The default runtime, `python@MAJOR.MINOR` or `node@MAJOR`, of the same language as `stack` (`--runtime` overrides it).',
      type: 'string',
      pattern: RUNTIME_PATTERN,
      patternErrorMessage: 'must be python@MAJOR.MINOR (e.g. python@3.13) or node@MAJOR (e.g. node@22)',
      examples: ['python@3.13', 'node@22'],
    },
    images: {
      title: 'images',
      description:
        'Where runtime and service images come from: `registry` pulls `python:X-slim` and friends; `local` builds every image from Debian’s mirror, no registry needed.',
      type: 'string',
      enum: IMAGE_MODES,
      default: 'registry',
      examples: ['local'],
    },
    registry: text(
      'registry',
      'Registry mode: a host (and path) put before every image name, e.g. a pull-through mirror.',
      ['127.0.0.1:5000'],
    ),
    phases: {
      ...text(
        'phases',
        'The directory of phase files, relative to this file, applied in file-name order (`10-health.yaml`, `20-db.yaml`, ...).',
        ['phases'],
      ),
      default: 'phases',
    },
    matrices: {
      ...text(
        'matrices',
        'The directory of matrix files (`stagebisect matrix NAME` reads `NAME.yaml` there), relative to this file. It need not exist.',
        ['matrices'],
      ),
      default: 'matrices',
    },
    memory: {
      title: 'memory',
      description:
        'Memory limit of the app container, as a host imposes one (`256m`, `1g`; at least `6m`). A process killed for memory is diagnosed as `oom`.',
      type: 'string',
      pattern: MEMORY_PATTERN,
      patternErrorMessage: 'must be a size such as 512m or 1g',
      examples: ['512m'],
    },
  },
  examples: [
    {
      name: 'my-api',
      stack: 'python',
      port: 8000,
      start: 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT',
      runtime: 'python@3.13',
    },
  ],
} as const;
