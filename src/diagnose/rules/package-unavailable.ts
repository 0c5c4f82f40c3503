// package-unavailable: the build could not install a package the phase asks for, on this runtime.
import type { DiagnosisRule } from '../diagnosis-input.js';
import { evidenceLines } from '../evidence-lines.js';
import { aptFailure } from '../package-failures/apt-failure.js';
import { npmFailure } from '../package-failures/npm-failure.js';
import { pipFailure } from '../package-failures/pip-failure.js';

export const packageUnavailableRule: DiagnosisRule = (input) => {
  // Only a build installs packages; the same words in an app's log are about something else.
  if (input.stage !== 'build') return undefined;
  const lines = evidenceLines(input);
  const failure = aptFailure(lines, input) ?? pipFailure(lines, input) ?? npmFailure(lines, input);
  if (!failure) return undefined;
  return {
    class: 'package-unavailable',
    subject: failure.name,
    summary: failure.summary,
    remedy: failure.remedy,
    evidence: failure.evidence,
    ...(failure.packages ? { packages: failure.packages } : {}),
  };
};
