// missing-env from the configuration alone: the app exited at start while a secret the phases declare was
// not set on this host. Tried after every rule that reads a cause from the log, so a named cause wins.
import type { Diagnosis } from '../../model.js';
import type { DiagnosisRule } from '../diagnosis-input.js';
import { evidenceLines } from '../evidence-lines.js';
import { lastErrorLine } from '../unclassified.js';
import { missingEnvRemedy } from './missing-env.js';

/** The warning a run prints for a declared secret the host does not set; quoted as this rule's evidence. */
export function missingSecretWarning(secret: string): string {
  return `secret ${secret} is not set in this environment; the app starts without it`;
}

export const missingSecretRule: DiagnosisRule = (input): Diagnosis | undefined => {
  const [secret, ...others] = input.missingSecrets;
  // Only an app that stopped by itself: one still running did not fail for want of the secret at start.
  if (
    secret === undefined ||
    input.exit === undefined ||
    input.stage === 'build' ||
    input.stage === 'service'
  ) {
    return undefined;
  }
  const also = others.length > 0 ? ` (nor ${others.join(', ')})` : '';
  return {
    class: 'missing-env',
    subject: secret,
    summary: `The app exited with code ${input.exit.code} at start in phase '${input.phase}', and the secret ${secret}${also} that the phases declare is not set on this host, so the app ran without it.`,
    remedy: missingEnvRemedy(input, secret),
    // The warning the run printed, and the app's own last word when it left one.
    evidence: [
      missingSecretWarning(secret),
      ...[lastErrorLine(evidenceLines(input))?.trim()].filter((line): line is string => !!line),
    ],
  };
};
