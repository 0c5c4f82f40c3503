// Where the engine runs, as far as reaching its containers goes: on this host (or one that routes to its
// bridge networks) the host connects to a container's own address; on a remote engine
// (DOCKER_HOST=ssh://box, tcp://box:2376) it connects to ports published on the engine's host, as the
// docker CLI's users do with `-p`.
import type Docker from 'dockerode';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;

/** The remote engine's host name, or undefined when containers are reached by their own addresses. */
export function remoteEngineHost(docker: Docker): string | undefined {
  const modem = docker.modem as { socketPath?: unknown; host?: unknown };
  if (modem.socketPath) return undefined;
  const host = typeof modem.host === 'string' ? modem.host : undefined;
  return host && !LOOPBACK.test(host) ? host : undefined;
}
