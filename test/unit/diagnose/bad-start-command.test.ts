// bad-start-command: captured start-command failures name the executable, file or module and fix `start:`.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { loadEvidence } from './load-evidence.js';
import { AUTH, HEALTH, makeInput } from './make-input.js';

function run(fixture: string, code: number, overrides: Partial<DiagnosisInput> = {}) {
  return diagnose(
    makeInput({ appLog: loadEvidence(fixture), exit: { code, oomKilled: false }, ...overrides }),
  );
}

describe('bad-start-command', () => {
  it("explains that Debian's python3-uvicorn has no uvicorn executable", () => {
    const diagnosis = run('sh-uvicorn-not-found', 127);
    expect(diagnosis.class).toBe('bad-start-command');
    expect(diagnosis.subject).toBe('uvicorn');
    expect(diagnosis.remedy).toContain('`start:` in stagebisect.yaml');
    expect(diagnosis.remedy).toContain('python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT');
    expect(diagnosis.remedy).toContain("Debian's python3-uvicorn");
  });

  it('rewrites the start command the phase has, running uvicorn as a module', () => {
    const diagnosis = run('sh-uvicorn-not-found', 127, {
      start: 'cd /app && uvicorn main:app --host 0.0.0.0 --port $PORT --workers 2',
    });
    expect(diagnosis.remedy).toContain(
      'start it with `cd /app && python3 -m uvicorn main:app --host 0.0.0.0 --port $PORT --workers 2`.',
    );
  });

  it('in registry mode, suggests installing uvicorn with pip or starting it as a module', () => {
    const diagnosis = run('sh-uvicorn-not-found', 127, { imageMode: 'registry' });
    expect(diagnosis.remedy).toContain('`pip:`');
    expect(diagnosis.remedy).not.toContain('Debian');
  });

  it("leaves a shell's 'not found' alone when the shell did not exit with 127", () => {
    expect(run('sh-uvicorn-not-found', 1).class).toBe('unclassified');
  });

  it("recognises the runtime's own 'executable file not found'", () => {
    expect(run('docker-exec-not-found', 127)).toMatchObject({
      class: 'bad-start-command',
      subject: 'uvicorn',
    });
  });

  it('names a start script that is not executable (exit 126)', () => {
    const diagnosis = run('sh-permission-denied', 126);
    expect(diagnosis).toMatchObject({ class: 'bad-start-command', subject: './start.sh' });
    expect(diagnosis.remedy).toContain('sh ./start.sh');
  });

  it('names a start file python cannot open, relative to the build context', () => {
    expect(run('python-cannot-open-file', 2)).toMatchObject({
      class: 'bad-start-command',
      subject: 'app/mian.py',
    });
  });

  it("treats uvicorn's 'Could not import module' as the start command's fault, not a missing package", () => {
    const diagnosis = run('uvicorn-could-not-import-module', 1);
    expect(diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'app.mian' });
    expect(diagnosis.evidence).toEqual([
      'ERROR:    Error loading ASGI app. Could not import module "app.mian".',
    ]);
  });

  it('names the attribute uvicorn did not find in the module', () => {
    const diagnosis = run('uvicorn-attribute-not-found', 1);
    expect(diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'app.main:ap' });
    expect(diagnosis.remedy).toContain('`app.main:app`');
  });

  describe('when the module the start command names is missing, whichever way the server says it', () => {
    const cases = [
      ['uvicorn-start-target-missing', 'python3 -m uvicorn backend.app:app --host 0.0.0.0 --port $PORT'],
      [
        'uvicorn-start-target-missing-bookworm',
        'python3 -m uvicorn backend.app:app --host 0.0.0.0 --port $PORT',
      ],
      [
        'gunicorn-start-target-missing',
        'python3 -m gunicorn -k uvicorn.workers.UvicornWorker -b 0.0.0.0:$PORT backend.app:app',
      ],
      ['python-m-target-missing', 'python3 -m backend.main'],
      ['python-m-target-missing-top', 'python3 -m backend'],
    ] as const;
    it.each(cases)('%s: bad-start-command, and no package to install', (fixture, start) => {
      const diagnosis = run(fixture, 1, { start });
      expect(diagnosis.class).toBe('bad-start-command');
      expect(diagnosis.subject).toBe(start.includes(':app') ? 'backend.app' : start.split(' ').pop());
      expect(diagnosis.summary).toMatch(/has no module backend\.$/);
      expect(diagnosis.remedy).toContain('Fix the module path in `start:` in stagebisect.yaml');
      expect(diagnosis.remedy).toContain('Nothing in the build context is called backend.');
      expect(`${diagnosis.summary} ${diagnosis.remedy}`).not.toMatch(/python3-backend|apt:|pip:/);
      expect(diagnosis.evidence).toHaveLength(1);
      expect(diagnosis.evidence[0]).toMatch(/No module named '?backend'?/);
    });

    it('points at files: when the module is in the build context but not in the image', () => {
      const diagnosis = run('uvicorn-start-target-missing', 1, {
        start: 'python3 -m uvicorn backend.app:app --host 0.0.0.0 --port $PORT',
        localModules: ['app', 'backend'],
      });
      expect(diagnosis.class).toBe('bad-start-command');
      expect(diagnosis.remedy).toContain('backend is in the build context: add it to `files:`');
    });

    it('leaves a module the app code imports to missing-module', () => {
      const diagnosis = run('python-module-not-found', 1, {
        start: 'python3 -m uvicorn jwt.app:app --host 0.0.0.0 --port $PORT',
      });
      expect(diagnosis).toMatchObject({ class: 'missing-module', subject: 'jwt' });
    });

    it('leaves a server module that is not installed to missing-module', () => {
      expect(run('python-m-uvicorn-not-installed', 1)).toMatchObject({
        class: 'missing-module',
        subject: 'uvicorn',
      });
    });
  });

  it('names the attribute gunicorn did not find in the module', () => {
    const diagnosis = run('gunicorn-attribute-not-found', 4, {
      start: 'python3 -m gunicorn -k uvicorn.workers.UvicornWorker -b 0.0.0.0:$PORT app.main:ap',
    });
    expect(diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'app.main:ap' });
    expect(diagnosis.remedy).toContain('`app.main:app`');
  });

  it('says so when the phase under test changed start:', () => {
    const start = 'python3 -m uvicorn backend.app:app --host 0.0.0.0 --port $PORT';
    const diagnosis = run('uvicorn-start-target-missing', 1, {
      start,
      previousStart: 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT',
      layers: [HEALTH, { ...AUTH, start }],
    });
    expect(diagnosis.summary).toContain(
      "Phase 'auth' (phases/40-auth.yaml) changed `start:` to `python3 -m uvicorn backend.app:app --host 0.0.0.0 --port $PORT` (it was `python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT`).",
    );
  });

  it('says nothing of start: when the phase under test kept it', () => {
    const diagnosis = run('uvicorn-could-not-import-module', 1, {
      previousStart: 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT',
    });
    expect(diagnosis.summary).not.toContain('changed `start:`');
  });

  it("recognises uvicorn 0.17's 'Could not import module' (bookworm)", () => {
    expect(run('uvicorn-start-module-missing-bookworm', 1)).toMatchObject({
      class: 'bad-start-command',
      subject: 'app.mian',
    });
  });

  describe('npm start', () => {
    const node = { stack: 'node', runtime: 'node@22', start: 'npm start', localModules: ['server'] } as const;

    it('names a missing start script', () => {
      const diagnosis = run('npm-missing-script', 1, node);
      expect(diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'npm start' });
      expect(diagnosis.evidence).toEqual(['npm error Missing script: "start"']);
    });

    it("follows the script to the file it runs: node's missing start file", () => {
      expect(run('npm-start-file-missing', 1, node)).toMatchObject({
        class: 'bad-start-command',
        subject: 'dist/server.js',
      });
    });

    it('names a package.json missing from the image', () => {
      const diagnosis = run('npm-no-package-json', 254, node);
      expect(diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'package.json' });
      expect(diagnosis.remedy).toContain('Add package.json to `files:`');
    });
  });

  it("treats Node's missing start file as a wrong start command, not a missing package", () => {
    const diagnosis = run('node-cannot-find-start-file', 1, { stack: 'node', runtime: 'node@22' });
    expect(diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'sever.js' });
  });
});
