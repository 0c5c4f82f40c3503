// The mistakes docs/config.md shows, fed to loadPlan one by one: each refused at its exact
// file:line:column with the fix a user needs, in our words, never a validator's. Then the new keys of
// stagebisect.yaml and phase files, read into the Plan.
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../../src/config/load-plan.js';
import { ConfigError, formatConfigIssue } from '../../../src/errors.js';
import { HEALTH_PHASE, removeTempProjects, SHOP_PROJECT, writeProject } from '../../support/temp-project.js';

afterAll(removeTempProjects);

const PROJECT = SHOP_PROJECT;
const HEALTH = HEALTH_PHASE;
const PROJECT_KEYS =
  'name, stack, context, context_files, port, start, runtime, images, registry, phases, matrices, memory';
const PHASE_KEYS =
  'name, description, apt, pip, requirements, npm, files, start, build, release, services, env, secrets, checks';

async function project(files: Record<string, string>): Promise<string> {
  return writeProject('mistakes', {
    'stagebisect.yaml': PROJECT,
    'phases/10-health.yaml': HEALTH,
    'app/main.py': '',
    ...files,
  });
}

/** Every issue loadPlan reports, as the CLI prints it. */
async function issues(files: Record<string, string>): Promise<string[]> {
  const dir = await project(files);
  const error = await loadPlan('stagebisect.yaml', dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues.map(formatConfigIssue);
}

describe('a mistake in stagebisect.yaml', () => {
  it('a transposed key (`prot: 8000`) at the key, with did-you-mean, and no second "needs port"', async () => {
    expect(await issues({ 'stagebisect.yaml': PROJECT.replace('port: 8000', 'prot: 8000') })).toEqual([
      `stagebisect.yaml:3:1: unknown key "prot" in stagebisect.yaml; expected one of ${PROJECT_KEYS}. Fix: did you mean "port"?`,
    ]);
  });

  it('an unknown enum value at the value, with the choices and the closest one', async () => {
    expect(await issues({ 'stagebisect.yaml': `${PROJECT}images: locale\n` })).toEqual([
      'stagebisect.yaml:6:9: images "locale" is not supported; expected one of registry, local. Fix: did you mean "local"?',
    ]);
  });

  it('an enum value nothing resembles, with an example instead', async () => {
    expect(await issues({ 'stagebisect.yaml': PROJECT.replace('stack: python', 'stack: ruby') })).toEqual([
      'stagebisect.yaml:2:8: stack "ruby" is not supported; expected one of python, node. Fix: write it like `stack: python`',
    ]);
  });

  it('a runtime that is not LANGUAGE@VERSION, at the value', async () => {
    expect(await issues({ 'stagebisect.yaml': PROJECT.replace('python@3.11', 'python3.11') })).toEqual([
      'stagebisect.yaml:5:10: runtime "python3.11" must be python@MAJOR.MINOR (e.g. python@3.13) or node@MAJOR (e.g. node@22). Fix: write it like `runtime: python@3.13`',
    ]);
  });

  it('a memory size below what the engine takes', async () => {
    expect(await issues({ 'stagebisect.yaml': `${PROJECT}memory: 1k\n` })).toEqual([
      'stagebisect.yaml:6:9: memory "1k" is not a size of at least 6m. Fix: write it like 512m or 1g',
    ]);
  });

  it('an empty stagebisect.yaml, with every key it needs and a file to start from', async () => {
    expect(await issues({ 'stagebisect.yaml': '' })).toEqual([
      [
        'stagebisect.yaml:1:1: the file is empty; stagebisect.yaml needs at least `name`, `stack`, `port`, `start` and `runtime`. Fix: start from this:',
        '      name: my-api',
        '      stack: python',
        '      port: 8000',
        '      start: python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT',
        '      runtime: python@3.13',
      ].join('\n'),
    ]);
  });
});

describe('a mistake in a phase file', () => {
  it('an empty phase file: at least a name, and a two-line phase to start from', async () => {
    expect(await issues({ 'phases/20-db.yaml': '' })).toEqual([
      'phases/20-db.yaml:1:1: the file is empty; a phase file needs at least `name: health`. Fix: start from this:\n      name: health\n      checks:\n        - http: GET /health',
    ]);
  });

  it('a phase file that is a list, not a mapping', async () => {
    expect(await issues({ 'phases/20-db.yaml': '- name: db\n' })).toEqual([
      'phases/20-db.yaml:1:1: a phase file must be a mapping of keys to values, found a list; it needs at least `name: health`. Fix: start from this:\n      name: health\n      checks:\n        - http: GET /health',
    ]);
  });

  it('a misspelt key (two letters swapped), suggesting the key', async () => {
    expect(await issues({ 'phases/20-db.yaml': 'sevrices: { postgres: {} }\n' })).toEqual([
      `phases/20-db.yaml:1:1: unknown key "sevrices" in a phase file; expected one of ${PHASE_KEYS}. Fix: did you mean "services"?`,
    ]);
  });

  it('a value of the wrong type, saying what it found and showing the right shape', async () => {
    expect(await issues({ 'phases/20-db.yaml': 'apt: { curl: 1 }\n' })).toEqual([
      'phases/20-db.yaml:1:6: apt must be a non-empty text or a list of texts, found a mapping. Fix: write it like `apt: [python3-sqlalchemy, python3-psycopg2]`',
    ]);
  });

  it('a number out of range, at the number', async () => {
    expect(await issues({ 'phases/10-health.yaml': `${HEALTH}    timeout_s: 0\n` })).toEqual([
      'phases/10-health.yaml:3:16: http check timeout (seconds) must be a whole number from 1 to 3600, found number 0. Fix: write it like `timeout_s: 30`',
    ]);
  });

  it('two mistakes in one file, each at its own position', async () => {
    expect(
      await issues({
        'phases/20-db.yaml': `services:
  postgress: {}
checks:
  - tcp: 99999
    expct: { exit: 0 }
`,
      }),
    ).toEqual([
      'phases/20-db.yaml:2:3: "postgress" is none of postgres, redis, llm, so it is a custom service and needs "image" and "port". Fix: did you mean "postgres"?',
      'phases/20-db.yaml:4:10: tcp check port must be a whole number from 1 to 65535, found number 99999. Fix: write it like `tcp: 8000`',
      'phases/20-db.yaml:5:5: unknown key "expct" in a tcp check; expected one of tcp, timeout_s. Fix: remove "expct" or move it where it belongs',
    ]);
  });

  it('a check with two kinds, and one with none', async () => {
    expect(
      await issues({
        'phases/10-health.yaml': `checks:
  - http: GET /health
    tcp: 8000
  - expect: { status: 200 }
`,
      }),
    ).toEqual([
      'phases/10-health.yaml:3:5: a check has one kind, found http and tcp. Fix: split them into separate list entries, each starting with "- "',
      'phases/10-health.yaml:4:5: a check must name its kind; expected one of http, log, exec, import, exit, tcp. Fix: start it with one of those kinds, e.g. `- { http: GET /health, expect: { status: 200 } }`',
    ]);
  });

  it('settings given to a built-in service, and an env name no shell accepts', async () => {
    expect(
      await issues({
        'phases/20-db.yaml': `services: { postgres: { version: 16 } }
env: { 1DB: x }
`,
      }),
    ).toEqual([
      'phases/20-db.yaml:1:25: unknown key "version" in the built-in postgres service, which takes no settings. Fix: remove "version"',
      'phases/20-db.yaml:2:8: env name "1DB" must be a variable name: letters, digits and "_", not starting with a digit. Fix: rename it, e.g. DATABASE_URL',
    ]);
  });

  it('PORT in env, since stagebisect sets it', async () => {
    expect(await issues({ 'phases/20-db.yaml': `env: { PORT: '9000' }\n` })).toEqual([
      "phases/20-db.yaml:1:8: PORT is set by stagebisect from the project's port. Fix: remove PORT from env; set `port:` in stagebisect.yaml",
    ]);
  });

  it('a secret given an inline value, without ever echoing the value', async () => {
    const texts = await issues({
      'phases/20-llm.yaml': `env: { OPENAI_API_KEY: sk-live-4f9a2c }\nsecrets: [OPENAI_API_KEY]\n`,
    });
    expect(texts).toEqual([
      'phases/20-llm.yaml:2:11: OPENAI_API_KEY is both a secret and an env value. Fix: keep it in one place: secrets are read from the host at run time',
    ]);
    expect(texts.join('\n')).not.toContain('sk-live-4f9a2c');
  });

  it('an http check with both body and json', async () => {
    expect(
      await issues({ 'phases/10-health.yaml': `${HEALTH}    body: hello\n    json: { a: 1 }\n` }),
    ).toEqual([
      'phases/10-health.yaml:4:5: an http check sends either body or json, not both. Fix: keep one of them',
    ]);
  });

  it('npm in a python project, at the key', async () => {
    expect(await issues({ 'phases/20-db.yaml': `npm: { pg: '^8' }\n` })).toEqual([
      `phases/20-db.yaml:1:1: "npm" is for the node stack, and this project's stack is python. Fix: remove "npm" from this phase`,
    ]);
  });

  it('a files entry that climbs out of a context whose name another directory starts with', async () => {
    const texts = await issues({
      'stagebisect.yaml': `${PROJECT}context: app\n`,
      'phases/10-health.yaml': `files: [../app2/secret.py]\n${HEALTH}`,
      'app2/secret.py': '',
    });
    expect(texts).toEqual([
      'phases/10-health.yaml:1:9: files entry "../app2/secret.py" is outside the build context. Fix: name a path relative to the context directory',
    ]);
  });
});

describe('loadPlan reads the keys other commands need', () => {
  it('matrices and context_files, with their defaults', async () => {
    const dir = await project({});
    expect(await loadPlan('stagebisect.yaml', dir)).toMatchObject({
      matricesDir: `${dir}/matrices`,
      contextFiles: 'git',
    });
    const named = await project({ 'stagebisect.yaml': `${PROJECT}matrices: ci\ncontext_files: directory\n` });
    expect(await loadPlan('stagebisect.yaml', named)).toMatchObject({
      matricesDir: `${named}/ci`,
      contextFiles: 'directory',
    });
  });

  it('build and release per layer, the last declared winning for later phases', async () => {
    const dir = await project({
      'phases/20-assets.yaml': 'build: npm run build\n',
      'phases/30-db.yaml': 'release: python3 manage.py migrate\n',
    });
    const plan = await loadPlan('stagebisect.yaml', dir);
    expect(plan.phases[1]!.layers[1]).toMatchObject({ build: 'npm run build' });
    expect(plan.phases.map((p) => [p.build, p.release])).toEqual([
      [undefined, undefined],
      ['npm run build', undefined],
      ['npm run build', 'python3 manage.py migrate'],
    ]);
  });

  it("the llm service's strict_key, and a custom service's readiness", async () => {
    const dir = await project({
      'phases/20-llm.yaml': `services:
  llm: { strict_key: true }
  mq: { image: rabbitmq:3, port: 5672, ready: { http: /healthz } }
  redis:
`,
    });
    const services = (await loadPlan('stagebisect.yaml', dir)).phases[1]!.services;
    expect(services).toEqual([
      expect.objectContaining({ name: 'llm', kind: 'llm', port: 8080, strictKey: true }),
      expect.objectContaining({
        name: 'mq',
        kind: 'custom',
        image: 'rabbitmq:3',
        ready: { kind: 'http', path: '/healthz', port: 5672 },
        position: { file: 'phases/20-llm.yaml', line: 3, column: 3 },
      }),
      expect.objectContaining({ name: 'redis', kind: 'redis', port: 6379 }),
    ]);
  });
});
