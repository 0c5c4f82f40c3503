// loadPlan over projects written to temp dirs: every class of config error with its file:line:column and
// fix, all of a project's errors at once, and the example project resolved into five cumulative phases.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../../src/config/load-plan.js';
import { ConfigError, formatConfigIssue } from '../../../src/errors.js';
import {
  configOf,
  copyExample,
  HEALTH_PHASE,
  removeTempProjects,
  SHOP_PROJECT,
  writeProject,
} from '../../support/temp-project.js';

afterAll(removeTempProjects);

const PROJECT = SHOP_PROJECT;
const HEALTH = HEALTH_PHASE;

/** A valid python project with one phase, with `files` replacing or adding to its files. */
async function project(files: Record<string, string>): Promise<string> {
  return writeProject('config', {
    'stagebisect.yaml': PROJECT,
    'phases/10-health.yaml': HEALTH,
    'app/__init__.py': '',
    'app/main.py': 'print("hi")\n',
    ...files,
  });
}

/** The issues loadPlan reports for the project, each as the CLI prints it. */
async function issues(files: Record<string, string>): Promise<{ texts: string[]; dir: string }> {
  const dir = await project(files);
  const error = await loadPlan('stagebisect.yaml', dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return { texts: (error as ConfigError).issues.map(formatConfigIssue), dir };
}

describe('loadPlan reports', () => {
  it('the file, line and column of a misspelt check kind, and suggests the right kind', async () => {
    const { texts } = await issues({
      'phases/20-redis.yaml': `name: redis
services: { redis: {} }
checks:
  - htpp: GET /health/redis
`,
    });
    expect(texts).toEqual([
      'phases/20-redis.yaml:4:5: unknown check kind "htpp"; expected one of http, log, exec, import, exit, tcp. Fix: did you mean "http"?',
    ]);
  });

  it('an unknown top-level key at its position, suggesting the key it resembles', async () => {
    const { texts } = await issues({ 'stagebisect.yaml': `${PROJECT}imagess: local\n` });
    expect(texts).toEqual([
      'stagebisect.yaml:6:1: unknown key "imagess" in stagebisect.yaml; expected one of name, stack, context, context_files, port, start, runtime, images, registry, phases, matrices, memory. Fix: did you mean "images"?',
    ]);
  });

  it('an unknown key in a phase file, suggesting the key it resembles', async () => {
    const { texts } = await issues({ 'phases/10-health.yaml': `${HEALTH}envv: { A: '1' }\n` });
    expect(texts).toEqual([
      'phases/10-health.yaml:3:1: unknown key "envv" in a phase file; expected one of name, description, apt, pip, requirements, npm, files, start, build, release, services, env, secrets, checks. Fix: did you mean "env"?',
    ]);
  });

  it('every missing required key of stagebisect.yaml, with an example to add', async () => {
    const { texts } = await issues({
      'stagebisect.yaml': 'name: shop\nstack: python\nstart: python3 -m app\n',
    });
    expect(texts).toEqual([
      'stagebisect.yaml:1:1: stagebisect.yaml needs "port". Fix: add `port: 8000`',
      'stagebisect.yaml:1:1: stagebisect.yaml needs "runtime". Fix: add `runtime: python@3.13`',
    ]);
  });

  it('a port out of range at the value, saying what it found', async () => {
    const { texts } = await issues({ 'stagebisect.yaml': PROJECT.replace('port: 8000', 'port: 70000') });
    expect(texts).toEqual([
      'stagebisect.yaml:3:7: port must be a whole number from 1 to 65535, found number 70000. Fix: write it like `port: 8000`',
    ]);
  });

  it('a port written as a word', async () => {
    const { texts } = await issues({ 'stagebisect.yaml': PROJECT.replace('port: 8000', 'port: http') });
    expect(texts).toEqual([
      'stagebisect.yaml:3:7: port must be a whole number from 1 to 65535, found the text "http". Fix: write it like `port: 8000`',
    ]);
  });

  it('a runtime of another language than the stack', async () => {
    const { texts } = await issues({ 'stagebisect.yaml': PROJECT.replace('python@3.11', 'node@22') });
    expect(texts).toEqual([
      'stagebisect.yaml:5:10: runtime node@22 does not match stack python. Fix: use a python@VERSION runtime',
    ]);
  });

  it('pip in a phase of a node project, at the pip key', async () => {
    const { texts } = await issues({
      'stagebisect.yaml': 'name: shop\nstack: node\nport: 3000\nstart: node server.js\nruntime: node@22\n',
      'phases/10-health.yaml': `name: health\npip: [requests]\n${HEALTH}`,
    });
    expect(texts).toEqual([
      `phases/10-health.yaml:2:1: "pip" is for the python stack, and this project's stack is node. Fix: remove "pip" from this phase`,
    ]);
  });

  it('a reference to a service no phase declares, at the env value', async () => {
    const { texts } = await issues({
      'phases/20-db.yaml': `name: db
env:
  DATABASE_URL: '\${services.postgres.url}'
${HEALTH}`,
    });
    expect(texts).toEqual([
      'phases/20-db.yaml:3:17: env DATABASE_URL refers to service "postgres", which no phase up to "db" declares. Fix: add `services: { postgres: {} }` to this phase',
    ]);
  });

  it('a reference to a service declared only by a later phase, naming those declared so far', async () => {
    const { texts } = await issues({
      'phases/20-cache.yaml': `services: { redis: {} }\n${HEALTH}`,
      'phases/30-db.yaml': `env: { DATABASE_URL: '\${services.postgres.url}' }\n${HEALTH}`,
      'phases/40-pg.yaml': `services: { postgres: {} }\n${HEALTH}`,
    });
    expect(texts).toEqual([
      'phases/30-db.yaml:1:22: env DATABASE_URL refers to service "postgres", which no phase up to "db" declares. Fix: declare it under services:, or use one of redis',
    ]);
  });

  it('an attribute the service does not have, listing those it has', async () => {
    const { texts } = await issues({
      'phases/20-cache.yaml': `services: { redis: {} }
env:
  REDIS_PASSWORD: '\${services.redis.password}'
${HEALTH}`,
    });
    expect(texts).toEqual([
      'phases/20-cache.yaml:3:19: env REDIS_PASSWORD: service "redis" has no "password". Fix: use one of url, host, port',
    ]);
  });

  it('a files entry that does not exist in the build context', async () => {
    const { texts, dir } = await issues({
      'phases/10-health.yaml': `files: [app/main.py, app/routes.py]\n${HEALTH}`,
    });
    expect(texts).toEqual([
      `phases/10-health.yaml:1:22: files entry "app/routes.py" does not exist in the build context ${dir}. Fix: fix the path, or add the file`,
    ]);
  });

  it('a requirements file that does not exist, and one that is a directory', async () => {
    const { texts, dir } = await issues({
      'phases/10-health.yaml': `requirements:
  - requirements.txt
  - app
${HEALTH}`,
    });
    expect(texts).toEqual([
      `phases/10-health.yaml:2:5: requirements entry "requirements.txt" does not exist in the build context ${dir}. Fix: fix the path, or add the file`,
      'phases/10-health.yaml:3:5: requirements entry "app" is a directory. Fix: name a requirements file, e.g. requirements.txt',
    ]);
  });

  it('a files entry outside the build context', async () => {
    const { texts } = await issues({ 'phases/10-health.yaml': `files: [../etc/passwd]\n${HEALTH}` });
    expect(texts).toEqual([
      'phases/10-health.yaml:1:9: files entry "../etc/passwd" is outside the build context. Fix: name a path relative to the context directory',
    ]);
  });

  it('a phase name used twice, at the second name', async () => {
    const { texts } = await issues({
      'phases/10-health.yaml': `name: api\n${HEALTH}`,
      'phases/20-db.yaml': `description: the database\nname: api\n${HEALTH}`,
    });
    expect(texts).toEqual([
      'phases/20-db.yaml:2:1: phase name "api" is already used by phases/10-health.yaml. Fix: give every phase its own name',
    ]);
  });

  it('a YAML syntax error at its position', async () => {
    const { texts } = await issues({
      'phases/10-health.yaml': `checks:
  - http: GET /health
    expect: { status: 200
`,
    });
    // The parser notices the unclosed flow map where the file ends.
    expect(texts).toEqual([
      'phases/10-health.yaml:4:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }. Fix: correct the YAML syntax at this position (indentation, quotes, a missing colon)',
    ]);
  });

  it('a key written twice in one mapping, at the second', async () => {
    const { texts } = await issues({ 'phases/10-health.yaml': `apt: [curl]\n${HEALTH}apt: [git]\n` });
    expect(texts).toEqual([
      'phases/10-health.yaml:4:1: YAML syntax error: Map keys must be unique. Fix: correct the YAML syntax at this position (indentation, quotes, a missing colon)',
    ]);
  });

  it('the errors of several files together in one ConfigError', async () => {
    const { texts } = await issues({
      'stagebisect.yaml': `${PROJECT}memory: lots\n`,
      'phases/10-health.yaml': `checks:\n  - htpp: GET /health\n`,
      'phases/20-db.yaml': `servics: { postgres: {} }
checks:
  - tcp: 99999
`,
    });
    expect(texts).toEqual([
      'stagebisect.yaml:6:9: memory "lots" must be a size such as 512m or 1g. Fix: write it like `memory: 512m`',
      'phases/10-health.yaml:2:5: unknown check kind "htpp"; expected one of http, log, exec, import, exit, tcp. Fix: did you mean "http"?',
      'phases/20-db.yaml:1:1: unknown key "servics" in a phase file; expected one of name, description, apt, pip, requirements, npm, files, start, build, release, services, env, secrets, checks. Fix: did you mean "services"?',
      'phases/20-db.yaml:3:10: tcp check port must be a whole number from 1 to 65535, found number 99999. Fix: write it like `tcp: 8000`',
    ]);
  });

  it('a first phase without checks, since nothing could tell it failed', async () => {
    const { texts } = await issues({ 'phases/10-health.yaml': 'apt: [python3-fastapi]\n' });
    expect(texts).toEqual([
      'phases/10-health.yaml:1:1: phase "health" has no checks, so nothing could tell it failed. Fix: add a check, e.g. `checks: [{ http: GET /health }]`',
    ]);
  });

  it('a reference that is neither a service attribute nor ${random.secret}', async () => {
    const { texts } = await issues({
      'phases/20-auth.yaml': `env: { JWT_SECRET: '\${nonsense}' }\n${HEALTH}`,
    });
    expect(texts).toEqual([
      'phases/20-auth.yaml:1:20: env JWT_SECRET: ${nonsense} is not a reference stagebisect knows. Fix: use ${services.NAME.url} (or host, port, user, password, database, api_key) or ${random.secret}',
    ]);
  });

  it('a strict_key that is not true or false, and a setting the llm service does not take', async () => {
    const { texts } = await issues({
      'phases/20-llm.yaml': `services: { llm: { strict_key: 'yes', model: gpt-4o } }\n`,
    });
    expect(texts).toEqual([
      'phases/20-llm.yaml:1:32: llm strict_key must be true or false, found the text "yes". Fix: write it like `strict_key: true`',
      'phases/20-llm.yaml:1:39: unknown key "model" in the built-in llm service; expected one of strict_key. Fix: remove "model" or move it where it belongs',
    ]);
  });

  it('a project directory without stagebisect.yaml', async () => {
    const dir = await writeProject('empty', {});
    await expect(loadPlan('stagebisect.yaml', dir)).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          file: 'stagebisect.yaml',
          line: 1,
          column: 1,
          message: 'no stagebisect.yaml here',
        }),
      ],
    });
  });
});

describe('loadPlan accepts', () => {
  it('${random.secret} in an env value, kept as written until a run resolves it', async () => {
    const dir = await project({
      'phases/20-auth.yaml': `env: { JWT_SECRET: '\${random.secret}' }\n${HEALTH}`,
    });
    const plan = await loadPlan('stagebisect.yaml', dir);
    expect(plan.phases[1]!.env).toEqual({ JWT_SECRET: '${random.secret}' });
  });

  it('llm: { strict_key: true } on the llm service, and no strictKey when it is left out', async () => {
    const dir = await project({
      'phases/20-llm.yaml': 'services: { llm: { strict_key: true } }\n',
      'phases/30-more.yaml': 'services: { redis: {} }\n',
    });
    const plan = await loadPlan('stagebisect.yaml', dir);
    expect(plan.phases[2]!.services.map((s) => [s.name, s.strictKey])).toEqual([
      ['llm', true],
      ['redis', undefined],
    ]);
  });

  it('a later phase without checks of its own, since it keeps the earlier ones', async () => {
    const dir = await project({ 'phases/20-docs.yaml': 'description: only docs\n' });
    const plan = await loadPlan('stagebisect.yaml', dir);
    expect(plan.phases.map((p) => p.checks.length)).toEqual([1, 1]);
  });
});

describe('loadPlan on the example project', () => {
  it('resolves five cumulative phases, each keeping what the earlier ones declared', async () => {
    const dir = await copyExample();
    const plan = await loadPlan(configOf(dir), dir);
    expect(plan).toMatchObject({
      name: 'ultra-backend',
      stack: 'python',
      port: 8000,
      defaultRuntime: { language: 'python', version: '3.11' },
      images: 'local',
      contextDir: dir,
    });
    expect(plan.phases.map((p) => p.name)).toEqual(['health', 'db', 'redis', 'auth', 'llm']);
    expect(plan.phases.map((p) => p.checks.length)).toEqual([4, 7, 9, 11, 12]);
    expect(plan.phases.map((p) => p.services.map((s) => s.name).join(','))).toEqual([
      '',
      'postgres',
      'postgres,redis',
      'postgres,redis',
      'postgres,redis,llm',
    ]);
    expect(Object.keys(plan.phases[4]!.env)).toEqual([
      'FEATURE_DB',
      'DATABASE_URL',
      'FEATURE_REDIS',
      'REDIS_URL',
      'FEATURE_AUTH',
      'JWT_SECRET',
      'FEATURE_LLM',
      'OPENAI_BASE_URL',
      'OPENAI_API_KEY',
    ]);
    expect(plan.phases[1]!.files).toEqual(['app/__init__.py', 'app/main.py', 'app/health.py', 'app/db.py']);
    expect(plan.phases[4]!.layers.map((l) => l.file)).toEqual([
      'phases/10-health.yaml',
      'phases/20-db.yaml',
      'phases/30-redis.yaml',
      'phases/40-auth.yaml',
      'phases/50-llm.yaml',
    ]);
    const start = 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT';
    expect(plan.phases.map((p) => p.start)).toEqual([start, start, start, start, start]);
  });

  it('reads each check with its position, label, expectations and default timeout', async () => {
    const dir = await copyExample();
    const [health] = (await loadPlan(configOf(dir), dir)).phases;
    expect(health!.checks.map((c) => c.label)).toEqual([
      'import app.main',
      'log "Application startup complete."',
      'tcp 8000',
      'http GET /health',
    ]);
    expect(health!.checks[3]).toEqual({
      kind: 'http',
      phase: 'health',
      position: { file: 'phases/10-health.yaml', line: 10, column: 5 },
      method: 'GET',
      path: '/health',
      port: 8000,
      headers: {},
      expect: { status: 200, body: 'ok', withinMs: 500 },
      timeoutMs: 30_000,
      label: 'http GET /health',
    });
    expect(health!.checks[1]).toMatchObject({
      expect: 'Application startup complete.',
      forbid: 'Traceback',
      timeoutMs: 20_000,
    });
  });

  it('carries a phase start command forward to the phases after it', async () => {
    const dir = await copyExample();
    const auth = path.join(dir, 'phases/40-auth.yaml');
    await writeFile(auth, `${await readFile(auth, 'utf8')}start: python3 -m app.serve --workers 2\n`);
    const plan = await loadPlan(configOf(dir), dir);
    const project = 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT';
    const override = 'python3 -m app.serve --workers 2';
    expect(plan.phases.map((p) => p.start)).toEqual([project, project, project, override, override]);
  });
});
