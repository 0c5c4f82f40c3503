// The snapshot store: one snapshot per phase and runtime, replaced whole; the context files kept once by
// content; what is not a snapshot is named and never trusted.
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathSegment, SnapshotStore } from '../../../src/snapshots/snapshot-store.js';
import { APT_INSTALL, MAIN_PY, sha, snapshotOf } from '../../support/snapshot-fixture.js';

let dir: string;
let store: SnapshotStore;
let appFile: string;

const sources = (): Map<string, { kind: 'file'; path: string } | { kind: 'bytes'; bytes: Buffer }> =>
  new Map([
    ['context/app/main.py', { kind: 'file', path: appFile }],
    ['stagebisect/apt-install.sh', { kind: 'bytes', bytes: Buffer.from(APT_INSTALL) }],
  ]);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-snapshots-'));
  store = new SnapshotStore(path.join(dir, '.stagebisect', 'snapshots'));
  appFile = path.join(dir, 'main.py');
  await writeFile(appFile, MAIN_PY);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SnapshotStore', () => {
  it('keeps the snapshot under its phase and runtime, and each file it lists by content', async () => {
    expect(await store.put(snapshotOf(), sources())).toEqual({ missed: [] });
    const file = path.join(dir, '.stagebisect/snapshots/db/python@3.13/snapshot.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(snapshotOf());
    expect((await store.fileBytes(sha(MAIN_PY)))?.toString()).toBe(MAIN_PY);
    expect((await store.fileBytes(sha(APT_INSTALL)))?.toString()).toBe(APT_INSTALL);
    expect(await store.get('db', 'python@3.13')).toEqual(snapshotOf());
    expect(await store.get('db', 'python@3.11')).toBeUndefined();
  });

  it('replaces the snapshot of the same cell, and lists them by phase, then runtime by version', async () => {
    await store.put(snapshotOf(), sources());
    await store.put(snapshotOf({ runtime: 'python@3.9' }), sources());
    await store.put(snapshotOf({ phase: { name: 'health', index: 1, description: '' } }), sources());
    await store.put(snapshotOf({ key: 'b'.repeat(64) }), sources());
    const { snapshots, problems } = await store.list();
    expect(problems).toEqual([]);
    expect(snapshots.map((s) => `${s.phase.name}@${s.runtime} ${s.key[0]}`)).toEqual([
      'health@python@3.13 a',
      'db@python@3.9 a',
      'db@python@3.13 b',
    ]);
  });

  it('does not keep a file that changed since the cell hashed it, and says which', async () => {
    await writeFile(appFile, 'print("edited during the run")\n');
    expect(await store.put(snapshotOf(), sources())).toEqual({ missed: ['context/app/main.py'] });
    expect(await store.fileBytes(sha(MAIN_PY))).toBeUndefined();
  });

  it('names a torn or foreign file instead of trusting it', async () => {
    await store.put(snapshotOf(), sources());
    const torn = path.join(store.dir, 'auth', 'python@3.13');
    await mkdir(torn, { recursive: true });
    await writeFile(path.join(torn, 'snapshot.json'), '{"schemaVersion":1,"key":');
    const { snapshots, problems } = await store.list();
    expect(snapshots).toHaveLength(1);
    expect(problems).toEqual([`${path.join(torn, 'snapshot.json')} is not valid JSON; ignored`]);
  });

  it('leaves no temporary file behind', async () => {
    await store.put(snapshotOf(), sources());
    const names = await readdir(path.join(store.dir, 'db', 'python@3.13'));
    expect(names).toEqual(['snapshot.json']);
  });

  it('turns any phase name into one path segment that cannot climb out', () => {
    expect(pathSegment('db')).toBe('db');
    expect(pathSegment('../../etc')).toBe('%2E.%2F..%2Fetc');
    expect(pathSegment('..')).toBe('%2E.');
    expect(pathSegment('python@3.13')).toBe('python@3.13');
    expect(pathSegment('db 2/ü')).toBe('db%202%2F%C3%BC');
  });
});
