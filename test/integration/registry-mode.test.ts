// images: registry against a real registry: runtime and service images are pulled with progress, and a
// pull that fails is infrastructure trouble (exit 125) that suggests images: local.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { startLocalRegistry, type LocalRegistry } from '../support/local-registry.js';

const FIXTURE = new URL('../fixtures/services', import.meta.url).pathname;

describe.runIf(inject('docker') && inject('registry'))('images: registry', () => {
  let registry: LocalRegistry;
  let project: string;

  beforeAll(async () => {
    registry = await startLocalRegistry();
    // The registry holds what python:3.13-slim and friends would be; here they come from our Debian builds.
    await registry.push('stagebisect/python:3.13', 'python:3.13-slim');
    await registry.push('stagebisect/postgres:local', 'postgres:16');
    await registry.push('stagebisect/redis:local', 'redis:7');
    await registry.push('stagebisect/node:22', 'node:22-slim');
    project = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-registry-project-'));
    await cp(FIXTURE, project, { recursive: true });
    const config = path.join(project, 'stagebisect.yaml');
    const text = (await readFile(config, 'utf8')).replace(
      /^images: .*$/m,
      `images: registry\nregistry: ${registry.address}`,
    );
    await writeFile(config, text);
  }, 300_000);

  afterAll(async () => {
    // The llm mock built on this registry's Node image is named after it: remove it with the registry.
    if (registry) {
      const mocks = await execa('docker', [
        'images',
        '-q',
        '--filter',
        `reference=stagebisect/llm-mock:*${registry.address.replace(/[^A-Za-z0-9]+/g, '-')}*`,
      ]);
      const ids = [...new Set(mocks.stdout.split('\n').filter(Boolean))];
      if (ids.length) await execa('docker', ['rmi', '-f', ...ids], { reject: false });
    }
    await registry?.stop();
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('pulls the runtime and service images it lacks, with progress, and passes', async () => {
    const result = await runCli(['run', '--config', path.join(project, 'stagebisect.yaml'), '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json.verdict.status).toBe('pass');
    expect(result.stderr).toContain(`pulling ${registry.address}/python:3.13-slim`);
    expect(result.stderr).toContain(`pulling ${registry.address}/postgres:16`);
    expect(result.stderr).toContain(`pulling ${registry.address}/node:22-slim`);
  });

  it('reports a runtime the registry lacks as infrastructure trouble that suggests images: local', async () => {
    const result = await runCli([
      'run',
      '--config',
      path.join(project, 'stagebisect.yaml'),
      '--runtime',
      'python@3.11',
      '--json',
    ]);
    expect(result.exitCode).toBe(125);
    expect(result.json.verdict.status).toBe('error');
    expect(result.json.verdict.infra.code).toBe('pull-failed');
    expect(result.json.verdict.infra.message).toContain(`${registry.address}/python:3.11-slim`);
    expect(result.json.verdict.infra.remedy).toContain('images: local');
  });
});
