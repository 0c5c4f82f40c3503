// unclassified: what no rule knows is quoted, not guessed at.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import { splitLines } from '../../../src/diagnose/evidence-lines.js';
import { lastErrorLine } from '../../../src/diagnose/unclassified.js';
import { loadEvidence } from './load-evidence.js';
import { makeInput } from './make-input.js';

const exit = { code: 1, oomKilled: false };

describe('unclassified', () => {
  it('claims no class for an error no rule knows, and quotes its last error line', () => {
    const diagnosis = diagnose(makeInput({ appLog: loadEvidence('python-zero-division'), exit }));
    expect(diagnosis.class).toBe('unclassified');
    expect(diagnosis.subject).toBeNull();
    expect(diagnosis.summary).toContain('"ZeroDivisionError: integer division or modulo by zero"');
    expect(diagnosis.remedy).toContain('read the evidence');
    expect(diagnosis.evidence).toEqual(['ZeroDivisionError: integer division or modulo by zero']);
  });

  it('says so when the evidence holds no error line at all', () => {
    const diagnosis = diagnose(makeInput({ appLog: loadEvidence('uvicorn-bound-loopback'), exit }));
    expect(diagnosis.class).toBe('unclassified');
    expect(diagnosis.summary).toContain('left no error line to quote');
    expect(diagnosis.evidence).toEqual([]);
  });

  it('skips the lines that only point at more reading', () => {
    const lines = splitLines(loadEvidence('psycopg2-unknown-host-nxdomain'));
    expect(lastErrorLine(lines)).toBe(
      'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not translate host name "db" to address: Name or service not known',
    );
  });
});
