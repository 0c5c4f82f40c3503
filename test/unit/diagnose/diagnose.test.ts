// diagnose as a whole: rule order, purity, and evidence quoted verbatim across every captured failure.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose, RULES } from '../../../src/diagnose/diagnose.js';
import { DIAGNOSIS_CLASSES } from '../../../src/diagnose/diagnosis-classes.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { splitLines } from '../../../src/diagnose/evidence-lines.js';
import { loadEvidence } from './load-evidence.js';
import { makeInput } from './make-input.js';

const fixtures = readdirSync(new URL('./evidence/', import.meta.url))
  .filter((file) => file.endsWith('.txt'))
  .map((file) => file.replace(/\.txt$/, ''));

/** A plausible input for any captured output: build output for builds, app log otherwise. */
function inputFor(name: string): DiagnosisInput {
  const text = loadEvidence(name);
  const build = /^(apt|pip|npm)-/.test(name);
  const node = /^(node|npm)-/.test(name);
  return makeInput({
    stage: build ? 'build' : 'start',
    stack: node ? 'node' : 'python',
    runtime: node ? 'node@22' : 'python@3.13',
    buildOutput: build ? text : '',
    appLog: build ? '' : text,
    exit: { code: 1, oomKilled: false },
  });
}

describe('diagnose', () => {
  it('documents every class, and tries every rule in its fixed order', () => {
    expect(Object.keys(DIAGNOSIS_CLASSES)).toHaveLength(11);
    // Node's own failures add rules for classes that already have one (see the comment above RULES).
    expect(RULES).toHaveLength(14);
  });

  it('quotes its evidence verbatim from the output it read, for every captured failure', () => {
    for (const name of fixtures) {
      const input = inputFor(name);
      const lines = splitLines(input.stage === 'build' ? input.buildOutput : input.appLog);
      const diagnosis = diagnose(input);
      expect(diagnosis.summary, name).toMatch(/\.$/);
      expect(diagnosis.remedy, name).not.toBe('');
      for (const line of diagnosis.evidence) expect(lines, `${name}: ${line}`).toContain(line);
    }
  });

  it('gives the same answer for the same evidence', () => {
    const input = inputFor('python-module-not-found');
    expect(diagnose(input)).toEqual(diagnose(input));
  });

  it("strips the classic builder's colour codes but keeps the words", () => {
    const raw = loadEvidence('apt-version-not-found');
    expect(raw).toContain('\u001b[91m');
    expect(splitLines(raw)).toContain("E: Version '0.110.0-1' for 'python3-fastapi' was not found");
  });
});
