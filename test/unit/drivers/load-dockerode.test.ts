// loadDockerode: dockerode without ssh2 and gRPC loaded at start-up, and the real modules when used.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadDockerode } from '../../../src/drivers/docker/load-dockerode.js';

const require = createRequire(import.meta.url);
const fromModem = createRequire(
  require.resolve('docker-modem/lib/ssh.js', { paths: [require.resolve('dockerode')] }),
);
const fromSession = createRequire(require.resolve('dockerode/lib/session.js'));

describe('loadDockerode', () => {
  it('gives a working client class without loading ssh2 or gRPC, and loads them when they are used', () => {
    const Docker = loadDockerode();
    expect(typeof new Docker().ping).toBe('function');
    const ssh2Path = fromModem.resolve('ssh2');
    const grpcPath = fromSession.resolve('@grpc/grpc-js');
    // Stand-ins: their modules have not been evaluated, so nothing of theirs is in the cache yet.
    const ssh2Files = (): string[] =>
      Object.keys(require.cache).filter((f) => f.includes('/ssh2/lib/') && f !== ssh2Path);
    expect(ssh2Files()).toEqual([]);
    expect(require.cache[grpcPath]?.exports).toBeDefined();
    // First use: the real ssh2 Client is built, and the cache now holds the real module.
    const { Client } = fromModem('ssh2') as { Client: new () => { on: unknown } };
    expect(typeof new Client().on).toBe('function');
    expect(ssh2Files().length).toBeGreaterThan(0);
    expect(require.cache[ssh2Path]?.exports).toHaveProperty('Server');
    // The gRPC stand-in reads through to the real module.
    expect(typeof (fromSession('@grpc/grpc-js') as { credentials: unknown }).credentials).toBe('object');
  });
});
