// Classifies the addresses an app listens on: reachable from other containers, or only from inside its own.
import type { ListeningSocket } from '../model.js';

// Docker's embedded DNS server listens on 127.0.0.11 inside every container on a user-defined network, so it
// shows up in /proc/net/tcp next to the app's own sockets; it says nothing about the app.
const DOCKER_DNS = '127.0.0.11';

function bare(address: string): string {
  const unbracketed = address.replace(/^\[(.*)\]$/, '$1');
  return unbracketed.startsWith('::ffff:') ? unbracketed.slice('::ffff:'.length) : unbracketed;
}

/** 127.0.0.0/8 or ::1 (or `localhost`): reachable only from inside the container. */
export function isLoopback(address: string): boolean {
  const plain = bare(address);
  return plain === 'localhost' || plain === '::1' || plain.startsWith('127.');
}

/** 0.0.0.0 or :: : every interface, what a service in a container must bind. */
export function isWildcard(address: string): boolean {
  const plain = bare(address);
  return plain === '0.0.0.0' || plain === '::' || plain === '*';
}

/** The sockets the app itself opened, without Docker's DNS resolver. */
export function appSockets(sockets: readonly ListeningSocket[]): ListeningSocket[] {
  return sockets.filter((socket) => bare(socket.address) !== DOCKER_DNS);
}

/** `127.0.0.1:8000`, `[::1]:8000`. */
export function formatSocket(address: string, port: number): string {
  const plain = address.replace(/^\[(.*)\]$/, '$1');
  return plain.includes(':') ? `[${plain}]:${port}` : `${plain}:${port}`;
}
