// A snapshot's Dockerfile with every version pinned to what its image had, and the rest as it ran.
import { mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizePythonName, pinDockerfile, shellWords } from '../../../src/snapshots/pin-dockerfile.js';
import { restoreSnapshot } from '../../../src/snapshots/restore-snapshot.js';
import { SnapshotStore } from '../../../src/snapshots/snapshot-store.js';
import { APT_INSTALL, MAIN_PY, sha, snapshotOf } from '../../support/snapshot-fixture.js';

describe('pinDockerfile', () => {
  it('pins Debian packages as pkg=version and pip requirements as name==version, with pip installs constrained', () => {
    const pinned = pinDockerfile(snapshotOf());
    const lines = pinned.dockerfile.split('\n');
    expect(lines).toContain('RUN stagebisect-apt-install python3-fastapi=0.115.0-1 python3-uvicorn=0.32.0-1');
    expect(lines).toContain('RUN stagebisect-apt-install python3-sqlalchemy=2.0.40+ds1-1');
    expect(lines).toContain('COPY stagebisect/constraints.txt /tmp/stagebisect/constraints.txt');
    expect(lines).toContain(
      'RUN python3 -m pip install -c /tmp/stagebisect/constraints.txt requests==2.32.3 rich==13.9.4',
    );
    expect(pinned.constraints).toBe('requests==2.32.3\nrich==13.9.4\n');
    expect(pinned.pinned).toEqual({
      apt: ['python3-fastapi=0.115.0-1', 'python3-uvicorn=0.32.0-1', 'python3-sqlalchemy=2.0.40+ds1-1'],
      pip: ['requests==2.32.3', 'rich==13.9.4'],
    });
    expect(pinned.unpinned).toEqual([]);
    expect(lines[0]).toBe(
      '# Restored by `stagebisect snapshot restore`: phase db on python@3.13, key aaaaaaaaaaaa, passed 2026-11-30T10:00:00.000Z, commit 0123456789ab.',
    );
    // Everything else as it ran.
    expect(lines.slice(2).filter((l) => !/stagebisect-apt-install|pip install|constraints/.test(l))).toEqual(
      snapshotOf()
        .dockerfile.split('\n')
        .filter((l) => !/stagebisect-apt-install|pip install/.test(l)),
    );
  });

  it('leaves a package the image did not report as written, and says so', () => {
    const snapshot = snapshotOf({ packages: { apt: [], python: [], lockfile: null } });
    const pinned = pinDockerfile(snapshot);
    expect(pinned.unpinned).toEqual([
      'python3-fastapi',
      'python3-uvicorn',
      'python3-sqlalchemy',
      'requests>=2',
      'rich',
    ]);
    expect(pinned.dockerfile).toContain("RUN python3 -m pip install 'requests>=2' rich");
    expect(pinned.constraints).toBeNull();
  });

  it('reads the words our templates quote, and names as pip compares them', () => {
    expect(shellWords(`a 'b c' 'it'\\''s' d=1`)).toEqual(['a', 'b c', "it's", 'd=1']);
    expect(normalizePythonName('Typing_Extensions')).toBe('typing-extensions');
  });
});

describe('restoreSnapshot', () => {
  let dir: string;
  let store: SnapshotStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-restore-'));
    store = new SnapshotStore(path.join(dir, 'snapshots'));
    const app = path.join(dir, 'main.py');
    await writeFile(app, MAIN_PY);
    await store.put(
      snapshotOf({
        files: [
          ...snapshotOf().files,
          {
            path: 'context/app/current',
            sha256: sha('main.py'),
            mode: 0o777,
            kind: 'symlink',
            target: 'main.py',
          },
        ],
      }),
      new Map([
        ['context/app/main.py', { kind: 'file' as const, path: app }],
        ['stagebisect/apt-install.sh', { kind: 'bytes' as const, bytes: Buffer.from(APT_INSTALL) }],
      ]),
    );
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the pinned Dockerfile, the constraints, the scripts with their modes and the app as it ran', async () => {
    const snapshot = (await store.get('db', 'python@3.13'))!;
    const to = path.join(dir, 'restored');
    const restored = await restoreSnapshot(store, snapshot, to, { force: false });
    expect(restored.files).toEqual([
      'Dockerfile',
      'context/app/current',
      'context/app/main.py',
      'stagebisect/apt-install.sh',
      'stagebisect/constraints.txt',
    ]);
    expect(await readFile(path.join(to, 'context/app/main.py'), 'utf8')).toBe(MAIN_PY);
    expect((await stat(path.join(to, 'stagebisect/apt-install.sh'))).mode & 0o777).toBe(0o755);
    expect(await readlink(path.join(to, 'context/app/current'))).toBe('main.py');
    expect(await readFile(path.join(to, 'Dockerfile'), 'utf8')).toContain('python3-sqlalchemy=2.0.40+ds1-1');
  });

  it('refuses a directory that is not empty, and a store missing a file, before writing anything', async () => {
    const snapshot = (await store.get('db', 'python@3.13'))!;
    const full = path.join(dir, 'full');
    await restoreSnapshot(store, snapshot, full, { force: false });
    await expect(restoreSnapshot(store, snapshot, full, { force: false })).rejects.toThrow(
      `${full} is not empty`,
    );
    await rm(path.join(store.dir, '.files', sha(MAIN_PY)));
    const empty = path.join(dir, 'empty');
    await expect(restoreSnapshot(store, snapshot, empty, { force: false })).rejects.toThrow(
      'cannot restore context/app/main.py: its copy in',
    );
    await expect(stat(empty)).rejects.toThrow();
  });
});
