// What makes two failures the same one, for deep bisect: the diagnosis class and its subject, or for a
// failure no rule recognised, the stage and the check it failed at. Pure.
import type { Verdict } from '../model.js';

/** `missing-module (jwt)`, `unclassified at check: http GET /health`; undefined unless the verdict failed. */
export function failureSignature(verdict: Verdict): string | undefined {
  if (verdict.status !== 'fail') return undefined;
  const diagnosis = verdict.diagnosis;
  if (diagnosis && diagnosis.class !== 'unclassified') {
    return diagnosis.subject === null ? diagnosis.class : `${diagnosis.class} (${diagnosis.subject})`;
  }
  const check = verdict.checks.find((c) => c.status === 'fail');
  return `unclassified at ${verdict.failure?.stage ?? 'check'}${check ? `: ${check.label}` : ''}`;
}
