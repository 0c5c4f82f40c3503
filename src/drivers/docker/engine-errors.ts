// Turns what dockerode throws into InfraErrors that say what happened and what to do.
import { InfraError } from '../../errors.js';

export function engineAddress(): string {
  return process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

const UNREACHABLE =
  /ECONNREFUSED|ENOENT|EACCES|ETIMEDOUT|EHOSTUNREACH|socket hang up|connect ECONN|getaddrinfo/;

export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof Error && UNREACHABLE.test(`${(error as { code?: string }).code ?? ''} ${error.message}`)
  );
}

export function unreachableError(cause: unknown): InfraError {
  const denied = cause instanceof Error && /EACCES/.test(cause.message);
  return new InfraError(
    'engine-unreachable',
    denied
      ? `The Docker engine at ${engineAddress()} refused this user.`
      : `No Docker engine answers at ${engineAddress()}.`,
    denied
      ? 'add this user to the docker group, or run as root'
      : 'start the engine (`stagebisect engine start`, or `dockerd &`), or point DOCKER_HOST at a running one',
    { cause },
  );
}

/** Any other engine failure: the message of the engine, with a remedy that fits it when we know one. */
export function engineError(action: string, cause: unknown): InfraError {
  if (isUnreachable(cause)) return unreachableError(cause);
  const message = cause instanceof Error ? cause.message : String(cause);
  if (/no space left on device/i.test(message)) {
    return new InfraError(
      'disk-full',
      `The engine ran out of disk space while it tried to ${action}.`,
      'free disk space (`docker system prune`), then run again',
      { cause },
    );
  }
  return new InfraError(
    'engine-error',
    `The Docker engine failed to ${action}: ${message.trim()}`,
    'check `docker info` and the engine log, then run again',
    { cause },
  );
}
