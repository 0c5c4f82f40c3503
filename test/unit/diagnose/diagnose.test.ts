// diagnose as a whole: rule order, purity, and evidence quoted verbatim across every captured failure.
import { describe, expect, it } from 'vitest';
import { diagnose, RULES } from '../../../src/diagnose/diagnose.js';
import { DIAGNOSIS_CLASSES } from '../../../src/diagnose/diagnosis-classes.js';
import { splitLines } from '../../../src/diagnose/evidence-lines.js';
import { EVIDENCE_FIXTURES, evidenceInput } from '../../support/evidence-corpus.js';
import { loadEvidence } from './load-evidence.js';

describe('diagnose', () => {
  it('documents every class, and tries every rule in its fixed order', () => {
    expect(Object.keys(DIAGNOSIS_CLASSES)).toHaveLength(12);
    // Node's own failures add rules for classes that already have one (see the comment above RULES).
    expect(RULES).toHaveLength(15);
  });

  it('quotes its evidence verbatim from the output it read, for every captured failure', () => {
    for (const name of EVIDENCE_FIXTURES) {
      const input = evidenceInput(name);
      const lines = splitLines(
        input.stage === 'build' ? input.buildOutput : `${input.appLog}\n${input.serviceLogs['llm'] ?? ''}`,
      );
      const diagnosis = diagnose(input);
      expect(diagnosis.summary, name).toMatch(/\.$/);
      expect(diagnosis.remedy, name).not.toBe('');
      for (const line of diagnosis.evidence) expect(lines, `${name}: ${line}`).toContain(line);
    }
  });

  it('gives the same answer for the same evidence', () => {
    const input = evidenceInput('python-module-not-found');
    expect(diagnose(input)).toEqual(diagnose(input));
  });

  it("strips the classic builder's colour codes but keeps the words", () => {
    const raw = loadEvidence('apt-version-not-found');
    expect(raw).toContain('\u001b[91m');
    expect(splitLines(raw)).toContain("E: Version '0.110.0-1' for 'python3-fastapi' was not found");
  });
});
