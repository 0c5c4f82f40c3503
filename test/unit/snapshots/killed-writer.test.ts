// A run killed mid-write leaves every snapshot whole: a real process writes large snapshots over and over
// and is SIGKILLed while it does; every snapshot on disk then parses and is complete.
import { execa } from 'execa';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SnapshotStore } from '../../../src/snapshots/snapshot-store.js';
import { snapshotOf } from '../../support/snapshot-fixture.js';

const STORE_MODULE = new URL('../../../dist/snapshots/snapshot-store.js', import.meta.url).href;

/** Writes snapshots of three cells in turn, each ~4 MB, each ending with a marker; says after each write. */
const WRITER = `
const { SnapshotStore } = await import(process.argv[1]);
const base = JSON.parse(process.argv[2]);
const store = new SnapshotStore(process.argv[3]);
const filler = 'x'.repeat(4 * 1024 * 1024);
for (let round = 0; ; round++) {
  for (const runtime of ['python@3.11', 'python@3.13', 'python@3.14']) {
    const snapshot = { ...base, runtime, runId: 'round-' + round, notes: [filler, 'complete:' + round] };
    await store.put(snapshot, new Map());
    process.stdout.write('wrote ' + runtime + ' ' + round + '\\n');
  }
}
`;

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('a snapshot writer killed mid-write', () => {
  it('leaves every snapshot whole: the previous one or the new one, never a torn one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-killed-'));
    dirs.push(dir);
    const base = snapshotOf({ files: [] });
    const child = execa(
      'node',
      ['--input-type=module', '-e', WRITER, STORE_MODULE, JSON.stringify(base), dir],
      {
        reject: false,
      },
    );
    // Killed well into its work: after several whole rounds, while it is writing the next file.
    let lines = 0;
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        lines += chunk.toString().split('\n').filter(Boolean).length;
        if (lines >= 7) resolve();
      });
    });
    child.kill('SIGKILL');
    const result = await child;
    expect(result.signal).toBe('SIGKILL');

    const { snapshots, problems } = await new SnapshotStore(dir).list();
    expect(problems).toEqual([]);
    expect(snapshots.map((s) => s.runtime)).toEqual(['python@3.11', 'python@3.13', 'python@3.14']);
    for (const snapshot of snapshots) {
      const round = snapshot.runId.replace('round-', '');
      expect(snapshot.notes[1]).toBe(`complete:${round}`);
      expect(snapshot.notes[0]).toHaveLength(4 * 1024 * 1024);
    }
    // Each file on disk parses on its own, whatever the store would make of it.
    for (const runtime of ['python@3.11', 'python@3.13', 'python@3.14']) {
      const text = await readFile(path.join(dir, 'db', runtime, 'snapshot.json'), 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
    }
    // What the kill interrupted is at most a temporary file beside them, never read as a snapshot.
    const left = (await readdir(path.join(dir, 'db'), { recursive: true })).filter((n) => n.endsWith('.tmp'));
    expect(left.length).toBeLessThanOrEqual(1);
  });
});
