// The schema of a phase's `services:` mapping: the built-in postgres, redis and llm, or any image with a port.
import { port, text, textMap } from './fields.js';

/** A built-in service: written `postgres: {}` (or with nothing after the colon). */
function builtin(name: string, description: string) {
  return {
    title: `the built-in ${name} service`,
    description,
    type: ['object', 'null'],
    additionalProperties: false,
    examples: [{}],
  } as const;
}

const readiness = {
  title: 'a readiness probe',
  description: 'When a custom service counts as ready: one probe.',
  type: 'object',
  oneOf: [
    {
      title: 'a tcp readiness probe',
      description: 'The port accepts a connection.',
      type: 'object',
      required: ['tcp'],
      additionalProperties: false,
      properties: { tcp: port('ready tcp port', 'The port to connect to.', [5672]) },
    },
    {
      title: 'an http readiness probe',
      description: "A GET of this path on the service's port answers below 500.",
      type: 'object',
      required: ['http'],
      additionalProperties: false,
      properties: { http: text('ready http path', 'The path to ask.', ['/healthz']) },
    },
    {
      title: 'an exec readiness probe',
      description: 'A command run inside the service container exits with 0.',
      type: 'object',
      required: ['exec'],
      additionalProperties: false,
      properties: { exec: text('ready exec command', 'The command.', ['rabbitmq-diagnostics ping']) },
    },
    {
      title: 'a log readiness probe',
      description: 'The service logs this text.',
      type: 'object',
      required: ['log'],
      additionalProperties: false,
      properties: { log: text('ready log text', 'The text.', ['Server startup complete']) },
    },
  ],
  examples: [{ tcp: 5672 }, { http: '/healthz' }],
} as const;

export const servicesSchema = {
  title: 'services',
  description:
    "Containers started on the run's network before the app, each reached by its name, and waited on until they really answer. A service is declared once; later phases keep it.",
  type: 'object',
  propertyNames: {
    title: 'service name',
    pattern: '^[a-z][a-z0-9-]{0,62}$',
    patternErrorMessage: 'must be a host name: lower-case letters, digits and dashes, starting with a letter',
    examples: ['rabbitmq'],
  },
  properties: {
    postgres: builtin(
      'postgres',
      'PostgreSQL; `${services.postgres.url}` is `postgresql://USER:PASSWORD@postgres:5432/DB` (also host, port, user, password, database). Ready when a real query succeeds.',
    ),
    redis: builtin(
      'redis',
      'Redis; `${services.redis.url}` is `redis://redis:6379/0` (also host, port). Ready when it answers PING.',
    ),
    llm: {
      title: 'the built-in llm service',
      description:
        "stagebisect's OpenAI-compatible mock; `${services.llm.url}` ends in `/v1`, `${services.llm.api_key}` is a key made up for the run.",
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        strict_key: {
          title: 'llm strict_key',
          description:
            'Accept only the key the run made up (`${services.llm.api_key}`), to prove the app sends that very key.',
          type: 'boolean',
          default: false,
          examples: [true],
        },
      },
      examples: [{}, { strict_key: true }],
    },
  },
  additionalProperties: {
    title: 'a custom service',
    description:
      'Any other name is a custom service: an image with a port. `${services.NAME.url}` is `http://NAME:PORT` (also host, port).',
    type: 'object',
    required: ['image', 'port'],
    additionalProperties: false,
    properties: {
      image: text('service image', 'The image to run.', ['rabbitmq:3']),
      port: port('service port', 'The port it listens on.', [5672]),
      env: textMap(
        'service env',
        'Env values of the service container.',
        { title: 'service env name', examples: ['RABBITMQ_DEFAULT_USER'] },
        'service env',
        [{ RABBITMQ_DEFAULT_USER: 'app' }],
      ),
      ready: readiness,
    },
    examples: [{ image: 'rabbitmq:3', port: 5672, ready: { tcp: 5672 } }],
  },
  examples: [{ postgres: {} }, { redis: {}, llm: { strict_key: true } }],
} as const;
