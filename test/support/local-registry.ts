// A real registry on 127.0.0.1 (Debian's docker-registry), so registry mode is tested against the real
// thing: the engine trusts 127.0.0.1 registries without TLS.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';

export interface LocalRegistry {
  readonly address: string;
  /** Tags a local image as `address/name` and pushes it. */
  push(localRef: string, name: string): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForRegistry(address: string, process: ResultPromise): Promise<void> {
  const deadline = Date.now() + 20_000;
  let exited = false;
  process.finally(() => (exited = true)).catch(() => undefined);
  while (Date.now() < deadline && !exited) {
    const answered = await fetch(`http://${address}/v2/`).then(
      (r) => r.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not answer at ${address}`);
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-registry-'));
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const config = path.join(dir, 'config.yml');
  await writeFile(
    config,
    [
      'version: 0.1',
      'log: { level: error }',
      'storage:',
      `  filesystem: { rootdirectory: ${dir}/data }`,
      'http:',
      `  addr: ${address}`,
      '',
    ].join('\n'),
  );
  const registry = execa('docker-registry', ['serve', config], { reject: false, all: true });
  await waitForRegistry(address, registry);
  const pushed: string[] = [];
  return {
    address,
    async push(localRef, name) {
      const remote = `${address}/${name}`;
      await execa('docker', ['tag', localRef, remote]);
      await execa('docker', ['push', remote]);
      // Drop the tag again, so a run has to pull it.
      await execa('docker', ['rmi', remote]);
      pushed.push(remote);
    },
    async stop() {
      registry.kill('SIGTERM');
      await registry;
      await execa('docker', ['rmi', ...pushed], { reject: false });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function registryAvailable(): Promise<boolean> {
  return (await execa('sh', ['-c', 'command -v docker-registry'], { reject: false })).exitCode === 0;
}
