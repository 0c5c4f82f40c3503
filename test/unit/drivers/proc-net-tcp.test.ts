// parseListeningSockets over /proc/net/tcp and /proc/net/tcp6 text as the kernel prints it.
import { describe, expect, it } from 'vitest';
import {
  formatSocket,
  isReachableAddress,
  parseListeningSockets,
} from '../../../src/drivers/proc-net-tcp.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31457 1 0000000000000000 100 0 0 10 0
   1: 00000000:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 31460 1 0000000000000000 100 0 0 10 0
   2: 0300120A:1F40 0200120A:D6B4 01 00000000:00000000 00:00000000 00000000     0        0 31511 1 0000000000000000 20 4 30 10 -1
   3: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31458 1 0000000000000000 100 0 0 10 0
`;

const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1F40 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41001 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:2382 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41002 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:1F41 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41003 1 0000000000000000 100 0 0 10 0
   3: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41004 1 0000000000000000 100 0 0 10 0
`;

describe('parseListeningSockets', () => {
  it('reads 127.0.0.1:8000 from 0100007F:1F40 in LISTEN state, once, and skips connections', () => {
    expect(parseListeningSockets(TCP)).toEqual([
      { address: '127.0.0.1', port: 8000 },
      { address: '0.0.0.0', port: 5000 },
    ]);
  });

  it('reads IPv6 any, loopback, v4-mapped and global addresses', () => {
    expect(parseListeningSockets(TCP6)).toEqual([
      { address: '::', port: 8000 },
      { address: '::1', port: 9090 },
      { address: '127.0.0.1', port: 8001 },
      { address: '2001:db8:0:0:0:0:0:1', port: 80 },
    ]);
  });

  it('finds nothing in an empty table or in text that is not one', () => {
    expect(parseListeningSockets('')).toEqual([]);
    expect(parseListeningSockets('cat: /proc/net/tcp6: No such file or directory\n')).toEqual([]);
  });
});

describe('isReachableAddress', () => {
  it('tells loopback addresses from those other hosts can reach', () => {
    expect(isReachableAddress('127.0.0.1')).toBe(false);
    expect(isReachableAddress('127.0.1.1')).toBe(false);
    expect(isReachableAddress('::1')).toBe(false);
    expect(isReachableAddress('0.0.0.0')).toBe(true);
    expect(isReachableAddress('::')).toBe(true);
    expect(isReachableAddress('172.18.0.3')).toBe(true);
  });
});

describe('formatSocket', () => {
  it('brackets IPv6 addresses', () => {
    expect(formatSocket({ address: '::', port: 8000 })).toBe('[::]:8000');
    expect(formatSocket({ address: '0.0.0.0', port: 8000 })).toBe('0.0.0.0:8000');
  });
});
