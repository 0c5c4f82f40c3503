// syntax-error: captured Python and Node parse errors name the file and line, relative to the build context.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import { loadEvidence } from './load-evidence.js';
import { makeInput } from './make-input.js';

const exit = { code: 1, oomKilled: false };

function python(fixture: string) {
  return diagnose(makeInput({ appLog: loadEvidence(fixture), exit }));
}

function node(fixture: string) {
  return diagnose(makeInput({ stack: 'node', runtime: 'node@22', appLog: loadEvidence(fixture), exit }));
}

describe('syntax-error', () => {
  it('names the file and line uvicorn could not import, relative to the build context', () => {
    const diagnosis = python('python-syntax-error');
    expect(diagnosis.class).toBe('syntax-error');
    expect(diagnosis.subject).toBe('app/main.py:7');
    expect(diagnosis.summary).toContain('SyntaxError: invalid syntax');
    expect(diagnosis.evidence).toEqual([
      '  File "/app/app/main.py", line 7',
      '    def health(:',
      '               ^',
      'SyntaxError: invalid syntax',
    ]);
  });

  it('recognises an IndentationError and a TabError as syntax errors', () => {
    expect(python('python-indentation-error')).toMatchObject({
      class: 'syntax-error',
      subject: 'app/main.py:9',
    });
    expect(python('python-tab-error')).toMatchObject({ class: 'syntax-error', subject: 'app/main.py:9' });
  });

  it('wins over the import machinery its traceback passes through', () => {
    expect(python('python-syntax-error').class).not.toBe('missing-module');
  });

  it('names the file and line of a Node parse error, CommonJS or ESM', () => {
    expect(node('node-syntax-error')).toMatchObject({ class: 'syntax-error', subject: 'server.js:4' });
    expect(node('node-esm-syntax-error')).toMatchObject({ class: 'syntax-error', subject: 'server.mjs:6' });
  });

  it('does not mistake a thrown error with a source location for a syntax error', () => {
    expect(node('node-env-must-be-set').class).toBe('missing-env');
  });
});
