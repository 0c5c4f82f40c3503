// diagnose as a whole: rule order, purity, and evidence quoted verbatim across every captured failure.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose, RULES } from '../../../src/diagnose/diagnose.js';
import { DIAGNOSIS_CLASSES } from '../../../src/diagnose/diagnosis-classes.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { splitLines } from '../../../src/diagnose/evidence-lines.js';
import { loadEvidence } from './load-evidence.js';
import { makeInput, makeService } from './make-input.js';

const files = readdirSync(new URL('./evidence/', import.meta.url)).filter((file) => file.endsWith('.txt'));
/** Every captured failure; a `NAME.mock-log.txt` is the llm mock's log beside `NAME.txt`, not one of them. */
const fixtures = files
  .filter((file) => !file.endsWith('.mock-log.txt') && file !== 'apt-cache-policy.txt')
  .map((file) => file.replace(/\.txt$/, ''));

/** A plausible input for any captured output: build output for builds, app log otherwise. */
function inputFor(name: string): DiagnosisInput {
  const text = loadEvidence(name);
  const build = /^(apt|pip)-/.test(name) || /^npm-.*-build$/.test(name);
  const node = /^(node|npm)-/.test(name);
  const mockLog = files.includes(`${name}.mock-log.txt`) ? loadEvidence(`${name}.mock-log`) : undefined;
  return makeInput({
    stage: build ? 'build' : 'start',
    stack: node ? 'node' : 'python',
    runtime: node ? 'node@22' : 'python@3.13',
    buildOutput: build ? text : '',
    appLog: build ? '' : text,
    exit: { code: 1, oomKilled: false },
    ...(mockLog !== undefined
      ? { services: [makeService('llm', 8080, [], 'http://llm:8080/v1')], serviceLogs: { llm: mockLog } }
      : {}),
  });
}

describe('diagnose', () => {
  it('documents every class, and tries one rule for each but the fallback', () => {
    expect(Object.keys(DIAGNOSIS_CLASSES)).toHaveLength(11);
    expect(RULES).toHaveLength(10);
  });

  it('quotes its evidence verbatim from the output it read, for every captured failure', () => {
    for (const name of fixtures) {
      const input = inputFor(name);
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
    const input = inputFor('python-module-not-found');
    expect(diagnose(input)).toEqual(diagnose(input));
  });

  it("strips the classic builder's colour codes but keeps the words", () => {
    const raw = loadEvidence('apt-version-not-found');
    expect(raw).toContain('\u001b[91m');
    expect(splitLines(raw)).toContain("E: Version '0.110.0-1' for 'python3-fastapi' was not found");
  });
});
