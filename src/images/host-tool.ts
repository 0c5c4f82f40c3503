// Host programs the local image builder needs (debootstrap, npm, tar): found, or installed from Debian
// when we are root and apt-get is there, or a clear InfraError saying how to get them.
import { loadExeca, onPath } from '../drivers/host-process.js';
import { InfraError } from '../errors.js';
import { OncePerKey } from './once-per-key.js';

// Images built at once may need one tool together: one install serves them (two apt-gets would collide
// on dpkg's lock).
const installs = new OncePerKey<void>();

export function requireHostTool(
  command: string,
  debianPackage: string,
  output: (line: string) => void,
  signal: AbortSignal,
): Promise<void> {
  return installs.get(command, () => findOrInstall(command, debianPackage, output, signal));
}

async function findOrInstall(
  command: string,
  debianPackage: string,
  output: (line: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const execa = await loadExeca();
  if (await onPath(command)) return;
  const canInstall = process.getuid?.() === 0 && (await onPath('apt-get'));
  if (!canInstall) {
    throw new InfraError(
      'tool-missing',
      `${command} is not installed, and local images are built with it.`,
      `install it (apt-get install -y ${debianPackage}) or use images: registry`,
    );
  }
  output(`installing ${debianPackage} (apt-get install -y ${debianPackage})…`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  let result = await execa('apt-get', ['install', '-y', '--no-install-recommends', debianPackage], {
    reject: false,
    all: true,
    cancelSignal: signal,
    env,
  });
  if (result.exitCode !== 0) {
    await execa('apt-get', ['update'], { reject: false, cancelSignal: signal, env });
    result = await execa('apt-get', ['install', '-y', '--no-install-recommends', debianPackage], {
      reject: false,
      all: true,
      cancelSignal: signal,
      env,
    });
  }
  if (result.exitCode !== 0 || !(await onPath(command))) {
    throw new InfraError(
      'tool-missing',
      `${command} could not be installed: ${(result.all ?? '').trim().split('\n').pop()}`,
      `install ${debianPackage} by hand, or use images: registry`,
    );
  }
}
