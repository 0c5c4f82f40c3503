// localModuleNames: the app's own modules, top-level and nested packages, never other people's code.
import { afterAll, describe, expect, it } from 'vitest';
import { localModuleNames } from '../../../src/stacks/local-modules.js';
import { removeTempProjects, writeProject } from '../../support/temp-project.js';

afterAll(removeTempProjects);

describe('localModuleNames', () => {
  it('names top-level files and directories, and Python packages nested below them', async () => {
    const dir = await writeProject('modules', {
      'main.py': '',
      'server.js': '',
      'README.md': '',
      'app/__init__.py': '',
      'src/backend/__init__.py': '',
      'src/backend/api/__init__.py': '',
      'src/notes/readme.txt': '',
      'node_modules/left_pad/__init__.py': '',
      '.venv/lib/site/__init__.py': '',
    });
    expect((await localModuleNames(dir)).sort()).toEqual([
      'api',
      'app',
      'backend',
      'main',
      'node_modules',
      'server',
      'src',
    ]);
  });

  it('is empty for a directory that does not exist', async () => {
    expect(await localModuleNames('/nonexistent/stagebisect')).toEqual([]);
  });
});
