// packBuildContext: the tar a build receives, read back with tar-stream: exactly the entries a recipe
// lists, read from their sources, with the parent directories a nested entry needs.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packBuildContext, type ContextEntry } from '../../../src/drivers/docker/build-context.js';
import { snapshotContext } from '../../../src/recipes/context-snapshot.js';
import { contextEntries } from '../../../src/stacks/context-files.js';

interface Entry {
  readonly type: string;
  readonly mode: number;
  readonly text: string;
}

let root: string;
let contextDir: string;

/** What packing needs: nested files and a requirement file; what goes in is the snapshot's business. */
const CONTEXT: Record<string, string> = {
  'app/__init__.py': '',
  'app/main.py': 'print("main")\n',
  'app/db.py': 'print("db")\n',
  'requirements/db.txt': 'sqlalchemy>=2\n',
};

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-context-'));
  contextDir = path.join(root, 'service');
  for (const [relative, text] of Object.entries({ ...CONTEXT, '../tools/bin/tool': '#!/bin/sh\n' })) {
    const file = path.join(contextDir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every entry of the tar by name, in the order written. */
async function unpack(entries0: readonly ContextEntry[]): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        entries.set(header.name, {
          type: header.type,
          mode: header.mode,
          text: Buffer.concat(chunks).toString(),
        });
        next();
      });
    });
    reader.on('finish', resolve);
    reader.on('error', reject);
    const packed = packBuildContext('FROM scratch\n', entries0) as Readable;
    packed.on('error', reject);
    packed.pipe(reader as unknown as NodeJS.WritableStream);
  });
  await done;
  return entries;
}

const script: ContextEntry = {
  path: 'stagebisect/apt-install.sh',
  source: { kind: 'bytes', bytes: Buffer.from('#!/bin/sh\napt-get install "$@"\n') },
  mode: 0o755,
};

/** The entries a recipe would list for these context paths. */
async function contextOf(selection: readonly string[]): Promise<ContextEntry[]> {
  const files = await snapshotContext({ contextDir, selection });
  return contextEntries(files).map(({ file, source }) => ({ path: file.path, source, mode: file.mode }));
}

describe('packBuildContext', () => {
  it('lays out the Dockerfile, our files under stagebisect/ and the app under context/', async () => {
    const entries = await unpack([script, ...(await contextOf(['app']))]);
    expect([...entries.keys()].slice(0, 3)).toEqual(['Dockerfile', 'context/', 'context/app/']);
    expect(entries.get('Dockerfile')).toMatchObject({ type: 'file', text: 'FROM scratch\n' });
    expect(entries.get('stagebisect/apt-install.sh')).toMatchObject({ type: 'file', mode: 0o755 });
    expect(entries.get('context/app/main.py')).toMatchObject({ type: 'file', text: 'print("main")\n' });
    expect(entries.get('context/app/')?.type).toBe('directory');
  });

  it('adds a directory tree from the host whole, under its name', async () => {
    const entries = await unpack([
      { path: 'stagebisect/tools', source: { kind: 'tree', path: path.join(root, 'tools') } },
    ]);
    expect([...entries.keys()]).toEqual([
      'Dockerfile',
      'stagebisect/',
      'stagebisect/tools/',
      'stagebisect/tools/bin/',
      'stagebisect/tools/bin/tool',
    ]);
  });

  it('packs exactly the listed entries, with their parent directories', async () => {
    const entries = await unpack(await contextOf(['app/db.py', 'requirements/db.txt']));
    expect([...entries.keys()]).toEqual([
      'Dockerfile',
      'context/',
      'context/app/',
      'context/app/db.py',
      'context/requirements/',
      'context/requirements/db.txt',
    ]);
  });

  it('fails the stream when a listed file cannot be read', async () => {
    await expect(
      unpack([
        {
          path: 'context/app/missing.py',
          source: { kind: 'file', path: path.join(contextDir, 'app/missing.py') },
        },
      ]),
    ).rejects.toThrow(/ENOENT/);
  });
});
