// oom: a memory kill is named first, with the limit to raise or the memory to save.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import { loadEvidence } from './load-evidence.js';
import { makeInput } from './make-input.js';

describe('oom', () => {
  it('names an OOM-killed app with its exit code and points at memory: and the host limit', () => {
    const diagnosis = diagnose(
      makeInput({ appLog: loadEvidence('oom-killed'), exit: { code: 137, oomKilled: true } }),
    );
    expect(diagnosis.class).toBe('oom');
    expect(diagnosis.summary).toContain('exit 137, OOMKilled');
    expect(diagnosis.remedy).toContain('`memory:` in stagebisect.yaml');
    expect(diagnosis.remedy).toMatch(/host/);
    expect(diagnosis.evidence).toContain('Killed');
  });

  it('outranks whatever the log of a killed app happens to say', () => {
    const input = makeInput({
      appLog: loadEvidence('psycopg2-refused-localhost'),
      exit: { code: 137, oomKilled: true },
    });
    expect(diagnose(input).class).toBe('oom');
  });

  it('does not call a bare exit 137 out of memory', () => {
    // 137 is any SIGKILL (docker stop, a timeout); without OOMKilled or memory words it proves nothing.
    const input = makeInput({ appLog: loadEvidence('oom-killed'), exit: { code: 137, oomKilled: false } });
    expect(diagnose(input).class).toBe('unclassified');
  });

  it("treats V8's heap limit as oom and suggests --max-old-space-size", () => {
    const input = makeInput({
      stack: 'node',
      runtime: 'node@22',
      appLog: loadEvidence('node-heap-out-of-memory'),
      exit: { code: 139, oomKilled: false },
    });
    const diagnosis = diagnose(input);
    expect(diagnosis.class).toBe('oom');
    expect(diagnosis.remedy).toContain('--max-old-space-size');
    expect(diagnosis.evidence).toEqual([
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
    ]);
  });
});
