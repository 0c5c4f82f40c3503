// The build context as a host building from the pushed commit sees it: tracked files with their
// working-tree content, untracked ones left out with a warning, ignored ones left out quietly.
import { gitIn } from '../../support/git-repo.js';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitState, listGitFiles } from '../../../src/drivers/git-work-tree.js';
import type { ContextFile } from '../../../src/recipes/context-snapshot.js';
import { selectGitFiles, untrackedWarning } from '../../../src/recipes/git-file-selection.js';
import { readContext } from '../../../src/recipes/read-context.js';

const file = (p: string): ContextFile => ({ path: p, absolute: `/x/${p}`, mode: 0o644, size: 1, sha256: p });

describe('selectGitFiles', () => {
  it('keeps tracked files, names untracked ones, and drops ignored ones without a word', () => {
    const selection = selectGitFiles([file('app/main.py'), file('app/secrets.py'), file('app/local.pyc')], {
      tracked: new Set(['app/main.py', 'app/gone.py']),
      untracked: new Set(['app/secrets.py', 'notes.txt']),
    });
    expect(selection.files.map((f) => f.path)).toEqual(['app/main.py']);
    expect(selection.untracked).toEqual(['app/secrets.py']);
  });

  it('words the warning as the user reads it', () => {
    expect(untrackedWarning('app/secrets.py')).toBe(
      'app/secrets.py is not tracked by git: the host will not have it; `git add` it, or set `context_files: directory`',
    );
  });
});

describe('readContext on a real git work tree', () => {
  let repo: string;
  let context: string;
  const git = (...args: string[]): string => gitIn(repo)(...args);
  const write = async (relative: string, text: string): Promise<void> => {
    await mkdir(path.dirname(path.join(repo, relative)), { recursive: true });
    await writeFile(path.join(repo, relative), text);
  };

  beforeAll(async () => {
    repo = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-git-'));
    // The context is a folder of the repository, as in a monorepo.
    context = path.join(repo, 'service');
    await write('.gitignore', '*.log\n');
    await write('service/app/main.py', 'print("committed")\n');
    await write('service/.dockerignore', 'scratch/\n');
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    await write('service/app/main.py', 'print("edited, not committed")\n');
    await write('service/app/secrets.py', 'KEY = "laptop only"\n');
    await write('service/app/debug.log', 'ignored by git\n');
    await write('service/scratch/notes.py', 'ignored by docker\n');
  });

  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('sends tracked files with their edited content and warns about the untracked one', async () => {
    const selection = await readContext({ contextDir: context, selection: 'context', contextFiles: 'git' });
    expect(selection.files.map((f) => f.path)).toEqual(['.dockerignore', 'app/main.py']);
    const edited = selection.files.find((f) => f.path === 'app/main.py')!;
    expect(edited.sha256).toBe(
      (await import('node:crypto'))
        .createHash('sha256')
        .update('print("edited, not committed")\n')
        .digest('hex'),
    );
    expect(selection.warnings).toEqual([untrackedWarning('app/secrets.py')]);
  });

  it('warns only about files the phase copies', async () => {
    const selection = await readContext({
      contextDir: context,
      selection: ['app/main.py'],
      contextFiles: 'git',
    });
    expect(selection).toMatchObject({ warnings: [] });
    expect(selection.files.map((f) => f.path)).toEqual(['app/main.py']);
  });

  it('takes every file but what .dockerignore names with context_files: directory', async () => {
    const selection = await readContext({
      contextDir: context,
      selection: 'context',
      contextFiles: 'directory',
    });
    expect(selection.files.map((f) => f.path)).toEqual([
      '.dockerignore',
      'app/debug.log',
      'app/main.py',
      'app/secrets.py',
    ]);
    expect(selection.warnings).toEqual([]);
  });

  it('changes nothing outside a git work tree', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-nogit-'));
    try {
      await writeFile(path.join(outside, 'main.py'), 'x = 1\n');
      expect(await listGitFiles(outside)).toBeUndefined();
      const selection = await readContext({ contextDir: outside, selection: 'context', contextFiles: 'git' });
      expect(selection).toMatchObject({ warnings: [] });
      expect(selection.files.map((f) => f.path)).toEqual(['main.py']);
      expect(await gitState(outside)).toBeUndefined();
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('reports the commit, and the tree as dirty while it has edits', async () => {
    const head = git('rev-parse', 'HEAD').trim();
    expect(await gitState(context)).toEqual({ commit: head, dirty: true });
  });
});
