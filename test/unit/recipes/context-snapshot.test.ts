// snapshotContext: the files a cell's image receives, as `docker build` would see them, with hashes.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContextReadError, snapshotContext } from '../../../src/recipes/context-snapshot.js';

let contextDir: string;

const CONTEXT: Record<string, string> = {
  '.dockerignore': 'node_modules\n**/__pycache__\n.env\n*.log\n!important.log\nvendor\n!vendor/keep.txt\n',
  '.env': 'OPENAI_API_KEY=sk-local\n',
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.stagebisect/cache/abc.json': '{}',
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
  contextDir = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-snapshot-'));
  for (const [relative, text] of Object.entries(CONTEXT)) {
    const file = path.join(contextDir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
});

afterAll(async () => {
  await rm(contextDir, { recursive: true, force: true });
});

const paths = async (request: Partial<Parameters<typeof snapshotContext>[0]>): Promise<string[]> =>
  (await snapshotContext({ contextDir, selection: 'context', ...request })).map((f) => f.path);

describe('snapshotContext', () => {
  it('leaves out what .dockerignore ignores, nested files too, keeps its ! exceptions, and never sends .git or our state', async () => {
    expect(await paths({})).toEqual([
      '.dockerignore',
      'README.md',
      'app/__init__.py',
      'app/db.py',
      'app/main.py',
      'important.log',
      'requirements/db.txt',
      'vendor/keep.txt',
    ]);
  });

  it('takes only the selected files and the extra paths', async () => {
    expect(await paths({ selection: ['app/db.py'], extraPaths: ['requirements/db.txt'] })).toEqual([
      'app/db.py',
      'requirements/db.txt',
    ]);
  });

  it('takes a selected directory whole, still without what .dockerignore ignores', async () => {
    expect(await paths({ selection: ['app', 'app/db.py'] })).toEqual([
      'app/__init__.py',
      'app/db.py',
      'app/main.py',
    ]);
  });

  it('leaves out the top-level folders a stack excludes', async () => {
    await writeFile(path.join(contextDir, '.dockerignore'), '');
    try {
      expect(await paths({ exclude: ['node_modules', 'vendor', 'app'] })).not.toContain(
        'node_modules/left-pad/index.js',
      );
      expect(await paths({})).toContain('node_modules/left-pad/index.js');
    } finally {
      await writeFile(path.join(contextDir, '.dockerignore'), CONTEXT['.dockerignore']!);
    }
  });

  it('hashes content: equal bytes give equal hashes, a changed file a new one', async () => {
    const before = await snapshotContext({ contextDir, selection: ['app'] });
    const hashOf = (files: typeof before, p: string): string => files.find((f) => f.path === p)!.sha256;
    expect(hashOf(before, 'app/main.py')).toMatch(/^[0-9a-f]{64}$/);
    await writeFile(path.join(contextDir, 'app/db.py'), 'print("db v2")\n');
    const after = await snapshotContext({ contextDir, selection: ['app'] });
    expect(hashOf(after, 'app/db.py')).not.toBe(hashOf(before, 'app/db.py'));
    expect(hashOf(after, 'app/main.py')).toBe(hashOf(before, 'app/main.py'));
  });

  it('refuses a selected file that cannot be read, naming it', async () => {
    await expect(snapshotContext({ contextDir, selection: ['app/missing.py'] })).rejects.toThrow(
      ContextReadError,
    );
    await expect(snapshotContext({ contextDir, selection: ['app/missing.py'] })).rejects.toThrow(
      /app\/missing\.py/,
    );
  });

  it.skipIf(process.getuid?.() === 0)(
    'refuses an unreadable .dockerignore instead of ignoring nothing',
    async () => {
      await chmod(path.join(contextDir, '.dockerignore'), 0o000);
      try {
        await expect(paths({})).rejects.toThrow(/\.dockerignore/);
      } finally {
        await chmod(path.join(contextDir, '.dockerignore'), 0o644);
      }
    },
  );

  it('refuses a .dockerignore that is not a readable file instead of ignoring nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-snapshot-bad-'));
    try {
      await mkdir(path.join(dir, '.dockerignore'));
      await writeFile(path.join(dir, 'main.py'), '');
      await expect(snapshotContext({ contextDir: dir, selection: 'context' })).rejects.toThrow(
        /\.dockerignore/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
