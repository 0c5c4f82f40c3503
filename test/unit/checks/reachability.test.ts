// judgeReachability: waiting, loopback-only and other-port from the sockets an app listens on.
import { describe, expect, it } from 'vitest';
import { judgeReachability } from '../../../src/checks/reachability.js';

describe('judgeReachability', () => {
  it('keeps waiting while the app listens on nothing yet', () => {
    expect(judgeReachability([], 8000)).toEqual({ kind: 'waiting' });
  });

  it('keeps waiting when the port is bound to every interface', () => {
    expect(judgeReachability([{ address: '0.0.0.0', port: 8000 }], 8000)).toEqual({ kind: 'waiting' });
    expect(judgeReachability([{ address: '::', port: 8000 }], 8000)).toEqual({ kind: 'waiting' });
  });

  it('is final when the port is bound to loopback only, naming the address', () => {
    expect(judgeReachability([{ address: '127.0.0.1', port: 8000 }], 8000)).toEqual({
      kind: 'loopback-only',
      bound: '127.0.0.1:8000',
    });
    expect(judgeReachability([{ address: '::1', port: 8000 }], 8000)).toEqual({
      kind: 'loopback-only',
      bound: '[::1]:8000',
    });
  });

  it('is not loopback-only when the port is bound to loopback and to a reachable address', () => {
    const sockets = [
      { address: '127.0.0.1', port: 8000 },
      { address: '172.18.0.3', port: 8000 },
    ];
    expect(judgeReachability(sockets, 8000)).toEqual({ kind: 'waiting' });
  });

  it('names every socket when the app listens only on other ports', () => {
    const sockets = [
      { address: '0.0.0.0', port: 5000 },
      { address: '127.0.0.1', port: 9229 },
    ];
    expect(judgeReachability(sockets, 8000)).toEqual({
      kind: 'other-port',
      bound: '0.0.0.0:5000, 127.0.0.1:9229',
    });
  });
});
