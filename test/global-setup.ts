// Test set-up, run once: builds the CLI, brings up a Docker engine when none answers (as root, like the
// demo does), and builds the local images the integration tests use. Without an engine the Docker tests
// are skipped, loudly, and in CI (CI=true) that is a failure.
import { execa } from 'execa';
import type { TestProject } from 'vitest/node';

const ROOT = new URL('..', import.meta.url).pathname;
/** The runtimes and services the integration tests run on. */
// Node 20 and 24 for the node services' matrix and the knex service (test/integration/node-services.test.ts).
const IMAGES = ['images', 'build', '--python', '3.11,3.13,3.14', '--node', '20,22,24'];

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const rule = '!'.repeat(width);
  process.stderr.write(
    `\n${rule}\n${lines.map((l) => `! ${l.padEnd(width - 4)} !`).join('\n')}\n${rule}\n\n`,
  );
}

/** Registry mode is tested against Debian's docker-registry, installed here when we may. */
async function ensureRegistryTool(): Promise<boolean> {
  const present = async (): Promise<boolean> =>
    (await execa('sh', ['-c', 'command -v docker-registry'], { reject: false })).exitCode === 0;
  if (await present()) return true;
  if (process.getuid?.() === 0) {
    await execa(
      'sh',
      [
        '-c',
        'apt-get install -y -q docker-registry || (apt-get update -q && apt-get install -y -q docker-registry)',
      ],
      {
        reject: false,
        env: { DEBIAN_FRONTEND: 'noninteractive' },
      },
    );
  }
  if (await present()) return true;
  const inCi = process.env.CI === 'true' || process.env.CI === '1';
  banner([
    'REGISTRY MODE TESTS ARE SKIPPED: docker-registry is not installed.',
    inCi ? 'CI is set, so this run FAILS.' : 'apt-get install docker-registry to run them.',
  ]);
  if (inCi) throw new Error('CI=true but docker-registry is missing: the registry mode tests cannot run');
  return false;
}

async function engineReady(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const start = await execa('node', ['bin/stagebisect.js', 'engine', 'start'], {
    cwd: ROOT,
    reject: false,
    all: true,
    env: { CI: 'true' },
  });
  return start.exitCode === 0
    ? { ok: true }
    : { ok: false, reason: (start.all ?? '').trim().split('\n').slice(-3).join(' ') };
}

export default async function setup(project: TestProject): Promise<void> {
  await execa('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const onlyUnit = process.env.STAGEBISECT_UNIT_ONLY === '1';
  const engine = onlyUnit ? ({ ok: false, reason: 'STAGEBISECT_UNIT_ONLY=1' } as const) : await engineReady();
  if (!engine.ok) {
    const inCi = process.env.CI === 'true' || process.env.CI === '1';
    banner([
      'DOCKER INTEGRATION TESTS ARE SKIPPED: no Docker engine.',
      engine.reason.slice(0, 150),
      inCi
        ? 'CI is set, so this run FAILS: CI must run the Docker tests.'
        : 'Start an engine (stagebisect engine start) to run them.',
    ]);
    if (inCi)
      throw new Error('CI=true but no Docker engine answers: the Docker integration tests cannot run');
    project.provide('docker', false);
    project.provide('registry', false);
    return;
  }
  process.stderr.write(
    'global setup: building the local images the integration tests use (a no-op when present)…\n',
  );
  const started = performance.now();
  await execa('node', ['bin/stagebisect.js', ...IMAGES], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { CI: 'true' },
  });
  process.stderr.write(
    `global setup: images ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  project.provide('docker', true);
  project.provide('registry', await ensureRegistryTool());
}

declare module 'vitest' {
  export interface ProvidedContext {
    docker: boolean;
    registry: boolean;
  }
}
