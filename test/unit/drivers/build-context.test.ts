// packBuildContext: the tar a build receives, read back with tar-stream: its layout, the user's
// .dockerignore, and a phase's file selection.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packBuildContext, type BuildContextInput } from '../../../src/drivers/docker/build-context.js';

interface Entry {
  readonly type: string;
  readonly mode: number;
  readonly text: string;
}

let root: string;
let contextDir: string;

const CONTEXT: Record<string, string> = {
  '.dockerignore': 'node_modules\n**/__pycache__\n.env\n*.log\n!important.log\nvendor\n!vendor/keep.txt\n',
  '.env': 'OPENAI_API_KEY=sk-local\n',
  'README.md': '# shop\n',
  'app/__init__.py': '',
  'app/main.py': 'print("main")\n',
  'app/db.py': 'print("db")\n',
  'app/__pycache__/main.cpython-311.pyc': 'bytecode',
  'node_modules/left-pad/index.js': 'module.exports = 1;\n',
  'requirements/db.txt': 'sqlalchemy>=2\n',
  'debug.log': 'noise\n',
  'important.log': 'keep me\n',
  'vendor/keep.txt': 'kept\n',
  'vendor/drop.txt': 'dropped\n',
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
async function unpack(input: BuildContextInput): Promise<Map<string, Entry>> {
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
    const packed = packBuildContext(input) as Readable;
    packed.on('error', reject);
    packed.pipe(reader as unknown as NodeJS.WritableStream);
  });
  await done;
  return entries;
}

const generated = new Map([['apt-install.sh', Buffer.from('#!/bin/sh\napt-get install "$@"\n')]]);

const contextNames = (entries: Map<string, Entry>): string[] =>
  [...entries.keys()].filter((n) => n.startsWith('context/')).sort();

describe('packBuildContext', () => {
  it('lays out the Dockerfile, our files under stagebisect/ and the app under context/', async () => {
    const entries = await unpack({ dockerfile: 'FROM scratch\n', generated, contextDir });
    expect([...entries.keys()].slice(0, 3)).toEqual(['Dockerfile', 'stagebisect/apt-install.sh', 'context/']);
    expect(entries.get('Dockerfile')).toMatchObject({ type: 'file', text: 'FROM scratch\n' });
    expect(entries.get('stagebisect/apt-install.sh')).toMatchObject({ type: 'file', mode: 0o755 });
    expect(entries.get('context/app/main.py')).toMatchObject({ type: 'file', text: 'print("main")\n' });
    expect(entries.get('context/app/')?.type).toBe('directory');
  });

  it('adds a generated directory from the host whole, under its name', async () => {
    const entries = await unpack({
      dockerfile: 'FROM scratch\n',
      generated: new Map([['tools', { path: path.join(root, 'tools') }]]),
    });
    expect([...entries.keys()]).toEqual([
      'Dockerfile',
      'stagebisect/tools/',
      'stagebisect/tools/bin/',
      'stagebisect/tools/bin/tool',
    ]);
  });

  it('puts generated files at the root when asked, and no context/ without a context directory', async () => {
    const entries = await unpack({ dockerfile: 'FROM scratch\n', generated, generatedPrefix: '' });
    expect([...entries.keys()]).toEqual(['Dockerfile', 'apt-install.sh']);
  });

  it("leaves out what the project's .dockerignore ignores, nested files too, and keeps its ! exceptions", async () => {
    const entries = await unpack({ dockerfile: 'FROM scratch\n', generated, contextDir });
    expect(contextNames(entries)).toEqual([
      'context/',
      'context/.dockerignore',
      'context/README.md',
      'context/app/',
      'context/app/__init__.py',
      'context/app/db.py',
      'context/app/main.py',
      'context/important.log',
      'context/requirements/',
      'context/requirements/db.txt',
      'context/vendor/',
      'context/vendor/keep.txt',
    ]);
  });

  it('packs only the selected files and the requirement files, with their parent directories', async () => {
    const entries = await unpack({
      dockerfile: 'FROM scratch\n',
      generated,
      contextDir,
      selection: ['app/db.py'],
      extraContextPaths: ['requirements/db.txt'],
    });
    expect(contextNames(entries)).toEqual([
      'context/',
      'context/app/',
      'context/app/db.py',
      'context/requirements/',
      'context/requirements/db.txt',
    ]);
  });

  it('packs a selected directory whole, still without what .dockerignore ignores', async () => {
    const entries = await unpack({
      dockerfile: 'FROM scratch\n',
      generated,
      contextDir,
      selection: ['app', 'app/db.py'],
    });
    expect(contextNames(entries)).toEqual([
      'context/',
      'context/app/',
      'context/app/__init__.py',
      'context/app/db.py',
      'context/app/main.py',
    ]);
  });

  it('fails the stream when a selected file cannot be read', async () => {
    await expect(
      unpack({ dockerfile: 'FROM scratch\n', generated, contextDir, selection: ['app/missing.py'] }),
    ).rejects.toThrow(/ENOENT/);
  });
});
