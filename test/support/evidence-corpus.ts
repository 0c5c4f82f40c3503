// The captured evidence corpus (test/unit/diagnose/evidence) as diagnosis inputs: every captured failure,
// with the llm mock's log beside it when one was captured.
import { readdirSync } from 'node:fs';
import type { DiagnosisInput } from '../../src/diagnose/diagnosis-input.js';
import { loadEvidence } from '../unit/diagnose/load-evidence.js';
import { makeInput, makeService } from '../unit/diagnose/make-input.js';

const files = readdirSync(new URL('../unit/diagnose/evidence/', import.meta.url)).filter((file) =>
  file.endsWith('.txt'),
);

/** Every captured failure; a `NAME.mock-log.txt` is the llm mock's log beside `NAME.txt`, not one of them. */
export const EVIDENCE_FIXTURES: readonly string[] = files
  .filter((file) => !file.endsWith('.mock-log.txt') && !file.startsWith('apt-cache-policy'))
  .map((file) => file.replace(/\.txt$/, ''));

/** A plausible input for any captured output: build output for builds, app log otherwise; local mode. */
export function evidenceInput(name: string): DiagnosisInput {
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
