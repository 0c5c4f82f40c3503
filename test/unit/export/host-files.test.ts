// Host config files from a snapshot, read back by maintained YAML, JSON and TOML parsers: each pins the
// runtime the snapshot proved, carries its start command and health check, and no secret's value.
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { hostFiles, type HostFile } from '../../../src/export/host-files.js';
import { snapshotOf } from '../../support/snapshot-fixture.js';

const SNAPSHOT = snapshotOf({
  release: 'python3 -m app.migrate',
  env: [
    ...snapshotOf().env,
    {
      name: 'JWT_SECRET',
      layer: 'auth',
      source: 'random',
      secret: true,
      value: '${random.secret}',
      byHand: false,
    },
    {
      name: 'OPENAI_API_KEY',
      layer: 'llm',
      source: 'service',
      secret: true,
      value: '${services.llm.api_key}',
      service: { name: 'llm', kind: 'llm', attribute: 'api_key' },
      byHand: true,
    },
  ],
});
const file = (files: HostFile[], name: string): string => files.find((f) => f.path === name)!.content;

describe('export', () => {
  it('render.yaml: a web service with build, start, pre-deploy, health check and PYTHON_VERSION; secrets sync: false', () => {
    const { files } = hostFiles('render', SNAPSHOT);
    expect(files.map((f) => f.path)).toEqual(['render.yaml', 'requirements-stagebisect.txt']);
    const yaml = parseYaml(file(files, 'render.yaml'));
    expect(yaml).toEqual({
      services: [
        {
          type: 'web',
          name: 'shop',
          runtime: 'python',
          buildCommand: 'pip install -r requirements-stagebisect.txt',
          startCommand: 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT',
          preDeployCommand: 'python3 -m app.migrate',
          healthCheckPath: '/health',
          envVars: [
            { key: 'PYTHON_VERSION', value: '3.13.5' },
            { key: 'FEATURE_DB', value: '1' },
            { key: 'JWT_SECRET', generateValue: true },
            { key: 'DATABASE_URL', sync: false },
            { key: 'STRIPE_API_KEY', sync: false },
            { key: 'OPENAI_API_KEY', sync: false },
          ],
        },
      ],
    });
  });

  it('railway.json: start command, health check path and timeout; .python-version pins the runtime', () => {
    const { files } = hostFiles('railway', SNAPSHOT);
    expect(JSON.parse(file(files, 'railway.json'))).toEqual({
      $schema: 'https://railway.com/railway.schema.json',
      build: { buildCommand: 'pip install -r requirements-stagebisect.txt' },
      deploy: {
        startCommand: 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT',
        preDeployCommand: ['python3 -m app.migrate'],
        healthcheckPath: '/health',
        healthcheckTimeout: 30,
      },
    });
    expect(file(files, '.python-version')).toBe('3.13.5\n');
  });

  it('fly.toml: http_service on the internal port with its check, the start under sh, the version pinned', () => {
    const { files } = hostFiles('fly', SNAPSHOT);
    const toml = parseToml(file(files, 'fly.toml'));
    expect(toml).toMatchObject({
      app: 'shop',
      build: { args: { BP_CPYTHON_VERSION: '3.13.5' } },
      env: { PORT: '8000', PYTHON_VERSION: '3.13.5', FEATURE_DB: '1' },
      deploy: { release_command: 'python3 -m app.migrate' },
      processes: { app: "sh -c 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT'" },
      http_service: {
        internal_port: 8000,
        processes: ['app'],
        checks: [{ method: 'GET', path: '/health', timeout: '10s', interval: '15s', grace_period: '10s' }],
      },
    });
    expect(file(files, 'fly.toml')).toContain(
      '# Set these with `fly secrets set NAME=VALUE`: DATABASE_URL, STRIPE_API_KEY, OPENAI_API_KEY, JWT_SECRET.',
    );
  });

  it('Procfile: web and release, with .python-version and the pinned requirements', () => {
    const { files } = hostFiles('procfile', SNAPSHOT);
    expect(file(files, 'Procfile')).toBe(
      'release: python3 -m app.migrate\nweb: python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT\n',
    );
    expect(
      file(files, 'requirements-stagebisect.txt')
        .split('\n')
        .filter((l) => !l.startsWith('#')),
    ).toEqual(['fastapi==0.115.0', 'requests==2.32.3', 'rich==13.9.4', '']);
  });

  it('pins node by NODE_VERSION and .node-version, and installs with npm ci', () => {
    const node = snapshotOf({
      stack: 'node',
      runtime: 'node@22',
      runtimeVersion: { reported: 'v22.23.0', version: '22.23.0' },
      packages: { apt: [], python: null, lockfile: '{}' },
      start: 'node server.js',
    });
    const render = parseYaml(file(hostFiles('render', node).files, 'render.yaml'));
    expect(render.services[0]).toMatchObject({ runtime: 'node', buildCommand: 'npm ci' });
    expect(render.services[0].envVars[0]).toEqual({ key: 'NODE_VERSION', value: '22.23.0' });
    expect(hostFiles('procfile', node).files.map((f) => f.path)).toEqual(['Procfile', '.node-version']);
  });

  it('escapes what a command holds, so every parser reads it back as written', () => {
    const odd = snapshotOf({ start: `sh -c "echo \\"hi\\" 'there'" # $PORT` });
    expect(parseYaml(file(hostFiles('render', odd).files, 'render.yaml')).services[0].startCommand).toBe(
      odd.start,
    );
    expect(JSON.parse(file(hostFiles('railway', odd).files, 'railway.json')).deploy.startCommand).toBe(
      odd.start,
    );
    expect(parseToml(file(hostFiles('fly', odd).files, 'fly.toml')).processes).toEqual({
      app: `sh -c 'sh -c "echo \\"hi\\" '\\''there'\\''" # $PORT'`,
    });
  });
});
