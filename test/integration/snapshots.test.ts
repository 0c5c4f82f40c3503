// Snapshots, deployment_strategy.md and host config on the real engine, as a user gets them: after the
// example's matrix, `docs` writes the strategy (and again, byte for byte); a snapshot restored to a
// directory rebuilds with `docker build` into an image that answers its health check; `export render`
// pins Python. A secret given at run time is in no byte written. An untracked file a phase needs fails
// the default build in a git tree, with a warning naming it, and passes with `context_files: directory`.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { httpRequest } from '../../src/net/http-request.js';
import { runCli, transcript, type CliRun } from '../support/cli.js';
import { RunLedger } from '../support/engine-leftovers.js';
import { gitIn } from '../support/git-repo.js';
import { configOf, copyExample, removeTempProjects, writeProject } from '../support/temp-project.js';
import { waitFor } from '../support/wait-for.js';

/** Every file under `dir`, with its bytes. */
async function everyFile(dir: string): Promise<{ file: string; bytes: Buffer }[]> {
  const names = await readdir(dir, { recursive: true });
  const files = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if ((await stat(file)).isFile()) files.push({ file, bytes: await readFile(file) });
  }
  return files;
}

/** Builds `dir` with the docker CLI, as a user would; returns the image id, removed in afterAll. */
const built: string[] = [];
async function dockerBuild(dir: string): Promise<string> {
  const result = await execa('docker', ['build', '-q', dir], { reject: false, all: true });
  expect(result.exitCode, result.all).toBe(0);
  const id = result.stdout.trim().split('\n').pop()!;
  built.push(id);
  return id;
}

afterAll(async () => {
  if (built.length) await execa('docker', ['rmi', '-f', ...built], { reject: false });
});

describe.runIf(inject('docker'))('after the example matrix', () => {
  const ledger = new RunLedger();
  let dir: string;
  let matrix: CliRun;
  const cli = async (...args: string[]): Promise<CliRun> =>
    ledger.record(await runCli([...args, '--config', configOf(dir)]));

  beforeAll(async () => {
    dir = await copyExample();
    matrix = await cli('matrix', 'nightly');
  }, 900_000);

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it('writes deployment_strategy.md with the phase table, the ladders, the env reference and the diagnosis, and again byte for byte', async () => {
    expect(matrix.exitCode, transcript(matrix)).toBe(1);
    const first = await cli('docs');
    expect(first.exitCode, transcript(first)).toBe(0);
    expect(first.stdout).toMatch(/^wrote \S*deployment_strategy\.md: 5 layers on 3 runtimes, as of /);
    expect(first.stdout).toContain('first failing on python@3.11: llm (package-unavailable)');
    const file = path.join(dir, 'deployment_strategy.md');
    const text = await readFile(file, 'utf8');
    expect(text).toContain(
      '| # | layer | what it adds | python@3.11 | python@3.13 | python@3.14 | last passed |',
    );
    expect(text).toMatch(/\| 5 \| \*\*llm\*\*.*\| ❌ \| ✅ \| ✅ \|/);
    expect(text.match(/```mermaid\nflowchart BT\n/g)).toHaveLength(3);
    expect(text).toContain('### python@3.11: llm (layer 5, `phases/50-llm.yaml`)');
    expect(text).toContain('- diagnosis: `package-unavailable` (python3-openai)');
    expect(text).toMatch(/- rollback point: layer 4 \(auth\), snapshot `[0-9a-f]{12}`/);
    expect(text).toContain('| `OPENAI_API_KEY` | llm | yes |');
    expect(text).toContain('curl -f -sS "$APP_URL/health/db" | grep -F -- ok');

    const second = await cli('docs', '--json');
    expect(second.json).toMatchObject({ command: 'docs', unchanged: true });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('keeps a snapshot of every layer the matrix proved, with the versions the image had', async () => {
    const list = await cli('snapshot', 'list', '--json');
    const cells = list.json.snapshots.map(
      (s: { phase: string; runtime: string }) => `${s.phase}@${s.runtime}`,
    );
    for (const phase of ['health', 'db', 'redis', 'auth', 'llm'])
      expect(cells).toContain(`${phase}@python@3.13`);
    expect(cells).not.toContain('llm@python@3.11');
    const show = await cli('snapshot', 'show', 'db@python@3.13', '--json');
    expect(show.json.runtimeVersion.reported).toMatch(/^Python 3\.13\.\d+$/);
    expect(show.json.packages.apt.map((p: { name: string }) => p.name)).toEqual([
      'python3-fastapi',
      'python3-psycopg2',
      'python3-sqlalchemy',
      'python3-uvicorn',
    ]);
    expect(show.json.services).toEqual([
      expect.objectContaining({ name: 'postgres', version: expect.stringMatching(/^\d+\.\d+/) }),
    ]);
    const diff = await cli('snapshot', 'diff', 'auth@python@3.11', 'auth@python@3.13');
    expect(diff.exitCode, transcript(diff)).toBe(0);
    expect(diff.stdout).toMatch(
      /\napt packages\n( {2}~ .*\n)* {2}~ python3-fastapi 0\.92\.\S+ → 0\.115\.\S+\n/,
    );
    expect(diff.stdout).toMatch(/\nDockerfile\n( {2}[-+] .*\n)* {2}- FROM stagebisect\/python:3\.11\n/);
    expect(diff.stdout).toMatch(/\n {2}\+ FROM stagebisect\/python:3\.13(\n|$)/);
  });

  it('restores db on python@3.13 to a directory that docker build builds', async () => {
    const to = path.join(dir, 'restored-db');
    const restore = await cli('snapshot', 'restore', 'db', '--runtime', 'python@3.13', '--to', to);
    expect(restore.exitCode, transcript(restore)).toBe(0);
    const dockerfile = await readFile(path.join(to, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/RUN stagebisect-apt-install python3-sqlalchemy=\S+ python3-psycopg2=\S+/);
    await dockerBuild(to);
  });

  it('restores health to an image that answers its health check', async () => {
    const to = path.join(dir, 'restored-health');
    const restore = await cli('snapshot', 'restore', 'health', '--runtime', 'python@3.13', '--to', to);
    expect(restore.exitCode, transcript(restore)).toBe(0);
    const image = await dockerBuild(to);
    const { stdout: container } = await execa('docker', ['run', '-d', '--rm', '-e', 'PORT=8000', image]);
    try {
      const { stdout: address } = await execa('docker', [
        'inspect',
        '-f',
        '{{.NetworkSettings.IPAddress}}',
        container,
      ]);
      const body = await waitFor(
        async () => {
          const answer = await httpRequest({
            host: address.trim(),
            port: 8000,
            method: 'GET',
            path: '/health',
            timeoutMs: 1000,
            signal: new AbortController().signal,
          });
          return answer.ok && answer.answer.status === 200 ? answer.answer.body : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 100, what: 'the restored image to answer /health' },
      );
      expect(body).toBe('ok');
    } finally {
      await execa('docker', ['rm', '-f', container], { reject: false });
    }
  });

  it('exports a render.yaml that pins the Python the snapshot proved', async () => {
    const out = path.join(dir, 'render');
    const run = await cli('export', 'render', '--phase', 'db', '--runtime', 'python@3.13', '--out', out);
    expect(run.exitCode, transcript(run)).toBe(0);
    const yaml = parseYaml(await readFile(path.join(out, 'render.yaml'), 'utf8'));
    expect(yaml.services[0]).toMatchObject({
      type: 'web',
      runtime: 'python',
      startCommand: 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT',
      healthCheckPath: '/health',
    });
    expect(yaml.services[0].envVars[0]).toEqual({
      key: 'PYTHON_VERSION',
      value: expect.stringMatching(/^3\.13\.\d+$/),
    });
    expect(yaml.services[0].envVars).toContainEqual({ key: 'DATABASE_URL', sync: false });
  });
});

const SECRET = 'sk_live_snapshot_secret_4242';

/** A FastAPI project on python@3.13 whose app is main.py. */
function uvicornProject(name: string): string {
  return [
    `name: ${name}`,
    'stack: python',
    'port: 8000',
    'start: python3 -m uvicorn main:app --host 0.0.0.0 --port $PORT',
    'runtime: python@3.13',
    'images: local',
    '',
  ].join('\n');
}

const SECRET_PROJECT = {
  'stagebisect.yaml': uvicornProject('secret-keeper'),
  'phases/10-payments.yaml': [
    'name: payments',
    'apt: [python3-fastapi, python3-uvicorn]',
    'files: [main.py]',
    'secrets: [STRIPE_API_KEY]',
    'env:',
    "  PAYMENTS_MODE: 'live'",
    'checks:',
    '  - http: GET /health',
    "    expect: { status: 200, body: 'ok' }",
    '',
  ].join('\n'),
  // Careless on purpose: it prints its key and puts it in its environment, where a snapshot reads.
  'main.py': [
    'import os',
    'from fastapi import FastAPI',
    'from fastapi.responses import PlainTextResponse',
    '',
    'KEY = os.environ["STRIPE_API_KEY"]',
    'print(f"starting with {KEY}", flush=True)',
    'app = FastAPI()',
    '',
    '',
    '@app.get("/health", response_class=PlainTextResponse)',
    'def health():',
    '    return "ok"',
    '',
  ].join('\n'),
};

describe.runIf(inject('docker'))('a secret given at run time', () => {
  const ledger = new RunLedger();
  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it(
    'is in no byte of a snapshot, the document, an export or a restored context',
    { timeout: 300_000 },
    async () => {
      const dir = await writeProject('snapshot-secret', SECRET_PROJECT);
      const cli = async (...args: string[]): Promise<CliRun> =>
        ledger.record(
          await runCli([...args, '--config', configOf(dir)], { env: { STRIPE_API_KEY: SECRET } }),
        );
      const run = await cli('run');
      expect(run.exitCode, transcript(run)).toBe(0);
      const outputs = [run];
      outputs.push(await cli('docs'));
      for (const host of ['render', 'railway', 'fly', 'procfile']) {
        outputs.push(await cli('export', host, '--out', path.join(dir, 'export', host)));
      }
      outputs.push(await cli('snapshot', 'restore', 'payments', '--to', path.join(dir, 'restored')));
      outputs.push(await cli('snapshot', 'show', 'payments'));
      for (const output of outputs) {
        expect(output.exitCode, transcript(output)).toBe(0);
        expect(output.stdout + output.stderr).not.toContain(SECRET);
      }
      const written = await everyFile(dir);
      expect(written.map((f) => path.relative(dir, f.file))).toEqual(
        expect.arrayContaining([
          'deployment_strategy.md',
          'export/render/render.yaml',
          'export/fly/fly.toml',
          'restored/Dockerfile',
          '.stagebisect/snapshots/payments/python@3.13/snapshot.json',
        ]),
      );
      for (const { file, bytes } of written) {
        expect(bytes.includes(SECRET), `${file} holds the secret`).toBe(false);
      }
      const render = await readFile(path.join(dir, 'export/render/render.yaml'), 'utf8');
      expect(parseYaml(render).services[0].envVars).toContainEqual({ key: 'STRIPE_API_KEY', sync: false });
    },
  );
});

describe.runIf(inject('docker'))('context_files in a git work tree', () => {
  const ledger = new RunLedger();
  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  const PROJECT = {
    'stagebisect.yaml': uvicornProject('laptop-only'),
    'phases/10-health.yaml': [
      'name: health',
      'apt: [python3-fastapi, python3-uvicorn]',
      'checks:',
      '  - http: GET /health',
      "    expect: { status: 200, body: 'ok' }",
      '',
    ].join('\n'),
    'main.py': [
      'from fastapi import FastAPI',
      'from fastapi.responses import PlainTextResponse',
      'from helpers import answer',
      '',
      'app = FastAPI()',
      '',
      '',
      '@app.get("/health", response_class=PlainTextResponse)',
      'def health():',
      '    return answer()',
      '',
    ].join('\n'),
    'helpers.py': 'def answer():\n    return "ok"\n',
  };

  it(
    'fails by default when the app needs an untracked file, naming it, and passes with context_files: directory',
    { timeout: 300_000 },
    async () => {
      const dir = await writeProject('untracked', PROJECT);
      const git = gitIn(dir);
      git('init', '-q');
      git('add', 'stagebisect.yaml', 'phases', 'main.py');
      git('commit', '-q', '-m', 'helpers.py is only on the laptop');

      const tracked = ledger.record(await runCli(['run', '--config', configOf(dir), '--json']));
      expect(tracked.exitCode, transcript(tracked)).toBe(1);
      const warning =
        'helpers.py is not tracked by git: the host will not have it; `git add` it, or set `context_files: directory`';
      expect(tracked.json.verdict.warnings).toContain(warning);
      expect(tracked.stderr).toContain(warning);
      expect(tracked.json.verdict.diagnosis).toMatchObject({ class: 'missing-module', subject: 'helpers' });

      await writeFile(configOf(dir), `${PROJECT['stagebisect.yaml']}context_files: directory\n`);
      const directory = ledger.record(await runCli(['run', '--config', configOf(dir), '--json']));
      expect(directory.exitCode, transcript(directory)).toBe(0);
      expect(directory.json.verdict.warnings).toEqual([]);
    },
  );
});
