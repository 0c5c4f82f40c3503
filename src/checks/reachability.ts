// Tells "not up yet" from "never reachable" while a check waits for the app's port, from the sockets the
// app listens on: an app bound to 127.0.0.1 answers inside its container but never the host's router.
import { formatSocket, isReachableAddress } from '../drivers/proc-net-tcp.js';
import type { ListeningSocket } from '../model.js';

/** How long an app may listen elsewhere without listening on its port before we stop waiting. */
export const OTHER_PORT_GRACE_MS = 3000;

export type Reachability =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'loopback-only'; readonly bound: string }
  | { readonly kind: 'other-port'; readonly bound: string };

export function judgeReachability(sockets: readonly ListeningSocket[], port: number): Reachability {
  const onPort = sockets.filter((s) => s.port === port);
  if (onPort.length > 0) {
    // Listening on the port at all: loopback-only is final (the same port cannot also be bound outward).
    return onPort.some((s) => isReachableAddress(s.address))
      ? { kind: 'waiting' }
      : { kind: 'loopback-only', bound: formatSocket(onPort[0]!) };
  }
  const elsewhere = sockets[0];
  return elsewhere
    ? { kind: 'other-port', bound: sockets.map(formatSocket).join(', ') }
    : { kind: 'waiting' };
}
