// The schema of a matrix file (matrices/*.yaml): which runtimes and phases a nightly run covers, and how.
import { MATRIX_MODES } from '../../model.js';
import { DRAFT_2020_12, SCHEMA_BASE, text, wholeNumber } from './fields.js';

/** `python@3.9` or `node@^22`: a language and a version or semver range. */
const RUNTIME_REFERENCE = '^(?:python|node)@\\S.*$';

function versions<const E extends readonly (string | readonly string[])[]>(language: string, examples: E) {
  return {
    title: `${language} versions`,
    description: `The ${language} versions to test, each an exact version or a semver range; a list, or one text.`,
    type: ['string', 'array'],
    minLength: 1,
    minItems: 1,
    items: { title: `${language} version`, type: 'string', minLength: 1 },
    examples,
  } as const;
}

const runtimeReference = {
  title: 'runtime',
  description: 'LANGUAGE@VERSION, where VERSION is an exact version or a semver range.',
  type: 'string',
  pattern: RUNTIME_REFERENCE,
  patternErrorMessage: 'must be LANGUAGE@VERSION, e.g. python@3.11 or node@22',
  examples: ['python@3.11'],
} as const;

const phaseReference = text('phase', 'A phase name.', ['llm']);

export const matrixSchema = {
  $schema: DRAFT_2020_12,
  $id: `${SCHEMA_BASE}/matrix.schema.json`,
  title: 'a matrix file',
  description:
    'A runtime matrix for nightly CI: every phase on every runtime listed, bisecting to the first failing layer where a runtime fails.',
  type: 'object',
  required: ['runtimes'],
  additionalProperties: false,
  properties: {
    name: text('name', 'Names the run in reports and artifacts. Default: the file name.', ['nightly']),
    runtimes: {
      title: 'runtimes',
      description:
        'The versions to test, per language (the project’s stack); each becomes a column of the matrix. Versions resolve with semver against those the image mode can serve; write them quoted (`"3.10"`, not 3.10, which YAML reads as 3.1).',
      type: 'object',
      minProperties: 1,
      additionalProperties: false,
      properties: {
        python: versions('python', [['3.11', '3.13', '3.14'], '>=3.11 <3.15']),
        node: versions('node', ['^20 || ^22 || ^24', ['22']]),
      },
      examples: [{ python: ['3.11', '3.13'] }],
    },
    phases: {
      title: 'phases',
      description: '`all`, or a list of phase names.',
      type: ['string', 'array'],
      pattern: '^all$',
      patternErrorMessage: 'must be `all` or a list of phase names',
      minItems: 1,
      items: { title: 'matrix phase', type: 'string', minLength: 1 },
      default: 'all',
      examples: ['all', ['health', 'db']],
    },
    include: {
      title: 'include',
      description: 'Extra cells: a runtime, on one phase or (without `phase`) on every phase.',
      type: 'array',
      items: {
        title: 'an include entry',
        type: 'object',
        required: ['runtime'],
        additionalProperties: false,
        properties: { runtime: runtimeReference, phase: phaseReference },
      },
      examples: [[{ runtime: 'python@3.9', phase: 'health' }]],
    },
    exclude: {
      title: 'exclude',
      description: 'Cells not to run: a runtime, a phase, or a runtime on a phase.',
      type: 'array',
      items: {
        title: 'an exclude entry',
        type: 'object',
        additionalProperties: false,
        properties: { runtime: runtimeReference, phase: phaseReference },
        anyOf: [{ required: ['runtime'] }, { required: ['phase'] }],
      },
      examples: [[{ runtime: 'python@3.11', phase: 'llm' }]],
    },
    concurrency: {
      ...wholeNumber(
        'concurrency',
        'How many cells build and run at once.',
        { minimum: 1, maximum: 16 },
        [2],
      ),
      default: 1,
    },
    mode: {
      title: 'mode',
      description:
        '`bisect`: per runtime, find the first failing phase in about log2(N) probes; `full`: run every cell.',
      type: 'string',
      enum: MATRIX_MODES,
      default: 'bisect',
      examples: ['full'],
    },
    fail_fast: {
      title: 'fail_fast',
      description: '`true` stops the matrix at the first failing cell; `false` finishes every runtime.',
      type: 'boolean',
      default: false,
      examples: [true],
    },
  },
  examples: [{ name: 'nightly', runtimes: { python: ['3.11', '3.13'] } }],
} as const;
