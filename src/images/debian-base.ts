// A Debian root file system from the mirror alone (debootstrap), imported as an image, then configured by
// templates/images/debian-base-configure.sh: the base of every local image.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadExeca } from '../drivers/host-process.js';
import type { ImageStore } from '../drivers/driver.js';
import { InfraError, InterruptedError } from '../errors.js';
import { TEMPLATES_DIR } from '../templating/render-template.js';
import { requireHostTool } from './host-tool.js';

export const DEFAULT_MIRROR = 'http://deb.debian.org/debian';

export function debianMirror(): string {
  return process.env.STAGEBISECT_DEBIAN_MIRROR ?? DEFAULT_MIRROR;
}

const LAST_LINES = 5;

export async function buildDebianBase(
  store: ImageStore,
  suite: string,
  ref: string,
  labels: Readonly<Record<string, string>>,
  output: (line: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const execa = await loadExeca();
  await requireHostTool('debootstrap', 'debootstrap', output, signal);
  const mirror = debianMirror();
  const root = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-debian-'));
  const raw = `${ref}-rootfs`;
  try {
    output(`debootstrap --variant=minbase ${suite} from ${mirror}…`);
    const boot = execa(
      'debootstrap',
      ['--variant=minbase', '--include=ca-certificates', suite, root, mirror],
      {
        reject: false,
        all: true,
        cancelSignal: signal,
      },
    );
    boot.all?.on('data', (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .forEach((line) => output(line)),
    );
    const result = await boot;
    if (signal.aborted) throw new InterruptedError();
    if (result.exitCode !== 0) {
      const tail = (result.all ?? '').trim().split('\n').slice(-LAST_LINES).join('\n');
      throw new InfraError(
        'image-build-failed',
        `debootstrap of Debian ${suite} failed:\n${tail}`,
        `check that ${mirror} answers, or set STAGEBISECT_DEBIAN_MIRROR to a mirror that does`,
      );
    }
    output(`importing the root file system as ${raw}…`);
    const tar = execa('tar', ['-C', root, '-c', '.'], {
      cancelSignal: signal,
      buffer: false,
      encoding: 'buffer',
    });
    await store.importRootfs(tar.stdout!, raw, labels, signal);
    await tar;
    const security = mirror.replace(/\/debian\/?$/, '/debian-security');
    const configure = await readFile(path.join(TEMPLATES_DIR, 'images', 'debian-base-configure.sh'));
    const dockerfile = [
      `FROM ${raw}`,
      'COPY debian-base-configure.sh /configure.sh',
      `RUN sh /configure.sh ${suite} ${mirror} ${security}`,
      'CMD ["bash"]',
    ].join('\n');
    const built = await store.build(
      { tag: ref, dockerfile, files: new Map([['debian-base-configure.sh', configure]]), labels },
      output,
      signal,
    );
    if (!built.ok) {
      throw new InfraError(
        'image-build-failed',
        `configuring Debian ${suite} failed: ${built.message}`,
        `check that ${mirror} answers, then run \`stagebisect images build\` again`,
      );
    }
  } finally {
    await rm(root, { recursive: true, force: true });
    await store.remove(raw).catch(() => undefined);
  }
}
