// bad-start-command: captured start-command failures name the executable, file or module and fix `start:`.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { loadEvidence } from './load-evidence.js';
import { makeInput } from './make-input.js';

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

  it("treats Node's missing start file as a wrong start command, not a missing package", () => {
    const diagnosis = run('node-cannot-find-start-file', 1, { stack: 'node', runtime: 'node@22' });
    expect(diagnosis).toMatchObject({ class: 'bad-start-command', subject: 'sever.js' });
  });
});
