// Reads listening TCP sockets from /proc/net/tcp and /proc/net/tcp6 text, as the kernel reports them.
import type { ListeningSocket } from '../model.js';

const LISTEN = '0A';

function ipv4(hex: string): string {
  // The kernel prints the address as a little-endian 32-bit word.
  const bytes = hex.match(/../g)!.map((b) => parseInt(b, 16));
  return bytes.reverse().join('.');
}

function ipv6(hex: string): string {
  const words: string[] = [];
  for (let i = 0; i < 32; i += 8) {
    const word = hex
      .slice(i, i + 8)
      .match(/../g)!
      .reverse()
      .join('');
    words.push(word.slice(0, 4), word.slice(4, 8));
  }
  const address = words.map((w) => parseInt(w, 16).toString(16)).join(':');
  if (address === '0:0:0:0:0:0:0:0') return '::';
  if (address === '0:0:0:0:0:0:0:1') return '::1';
  const mapped = /^0:0:0:0:0:ffff:([0-9a-f]+):([0-9a-f]+)$/.exec(address);
  if (mapped) {
    const high = parseInt(mapped[1]!, 16);
    const low = parseInt(mapped[2]!, 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return address;
}

/** Every socket in LISTEN state, without duplicates. */
export function parseListeningSockets(procText: string): ListeningSocket[] {
  const seen = new Set<string>();
  const sockets: ListeningSocket[] = [];
  for (const line of procText.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (!local || fields[3] !== LISTEN || !local.includes(':')) continue;
    const [addressHex, portHex] = local.split(':') as [string, string];
    const address =
      addressHex.length === 8 ? ipv4(addressHex) : addressHex.length === 32 ? ipv6(addressHex) : undefined;
    if (address === undefined) continue;
    const port = parseInt(portHex, 16);
    const key = `${address}:${port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sockets.push({ address, port });
  }
  return sockets;
}

/** True when a socket at this address accepts connections from other hosts (not loopback only). */
export function isReachableAddress(address: string): boolean {
  return !address.startsWith('127.') && address !== '::1';
}

export function formatSocket(socket: ListeningSocket): string {
  return socket.address.includes(':')
    ? `[${socket.address}]:${socket.port}`
    : `${socket.address}:${socket.port}`;
}
