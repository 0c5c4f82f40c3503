// Brings up a local Docker engine where none answers (the demo and the tests do their own set-up):
// installs Debian's docker.io when dockerd is missing, starts dockerd in the background, waits for it.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadExeca, onPath } from '../host-process.js';
import { InfraError, InterruptedError } from '../../errors.js';
import type { Driver } from '../driver.js';
import { engineAddress } from './engine-errors.js';

const READY_TIMEOUT_MS = 60_000;

function cannot(reason: string, remedy: string): InfraError {
  return new InfraError(
    'engine-unreachable',
    `No Docker engine answers at ${engineAddress()}, and stagebisect cannot start one: ${reason}.`,
    remedy,
  );
}

export interface ProvisionResult {
  /** What was done: nothing, started dockerd, or installed docker.io and started it. */
  readonly action: 'none' | 'started' | 'installed-and-started';
  readonly logFile?: string;
}

export async function provisionEngine(
  driver: Driver,
  output: (line: string) => void,
  signal: AbortSignal,
): Promise<ProvisionResult> {
  const execa = await loadExeca();
  try {
    await driver.ping(signal);
    return { action: 'none' };
  } catch (error) {
    if (!(error instanceof InfraError)) throw error;
  }
  if (process.env.DOCKER_HOST)
    throw cannot(
      'DOCKER_HOST names another engine',
      'start the engine DOCKER_HOST points at, or unset DOCKER_HOST',
    );
  if (process.platform !== 'linux')
    throw cannot('this is not Linux', 'start Docker Desktop (or another engine) and run again');
  if (process.getuid?.() !== 0)
    throw cannot(
      'starting dockerd needs root',
      'start the engine (`sudo dockerd &` or `sudo systemctl start docker`) and run again',
    );
  let installed = false;
  if (!(await onPath('dockerd'))) {
    if (!(await onPath('apt-get')))
      throw cannot('dockerd is not installed and apt-get is missing', 'install a Docker engine and start it');
    output('installing Debian’s docker.io (apt-get install -y docker.io)…');
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'docker.io']]) {
      const result = await execa('apt-get', args, {
        reject: false,
        all: true,
        cancelSignal: signal,
        env: { DEBIAN_FRONTEND: 'noninteractive' },
      });
      if (signal.aborted) throw new InterruptedError();
      if (result.exitCode !== 0) {
        throw cannot(
          `apt-get ${args[0]} failed: ${(result.all ?? '').trim().split('\n').pop()}`,
          'install docker.io by hand and start dockerd',
        );
      }
    }
    installed = true;
  }
  const logDir = path.join(os.homedir(), '.cache', 'stagebisect');
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, 'dockerd.log');
  const log = openSync(logFile, 'a');
  output(`starting dockerd in the background (log: ${logFile})…`);
  const daemon = spawn('dockerd', [], { detached: true, stdio: ['ignore', log, log] });
  daemon.unref();
  const started = performance.now();
  while (performance.now() - started < READY_TIMEOUT_MS) {
    if (signal.aborted) throw new InterruptedError();
    try {
      await driver.ping(signal);
      output(`engine ready in ${Math.round(performance.now() - started)} ms`);
      return { action: installed ? 'installed-and-started' : 'started', logFile };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw cannot(`dockerd did not answer within ${READY_TIMEOUT_MS / 1000} s`, `read ${logFile}`);
}
