// Diagnoses from the dependency resolver's structured results, known before anything is built: a package
// whose `engines.node` excludes the runtime, and an install npm refuses (a lockfile out of sync with
// package.json, a package or version the registry lacks). Pure.
import type { DependencyFailure } from '../dependencies/dependency-failure.js';
import type { EngineMismatch } from '../dependencies/engines-check.js';
import type { Diagnosis } from '../model.js';
import type { DiagnosisInput } from './diagnosis-input.js';
import { describeLayer, layerDeclaring } from './phase-layers.js';

/** The cell's context a dependency diagnosis names: the phase, its layers and the runtime. */
export type DependencyContext = Pick<DiagnosisInput, 'phase' | 'layers' | 'runtime'>;

function where(context: DependencyContext, name: string): string {
  return describeLayer(context, layerDeclaring(context, name));
}

/** package-unavailable for the first package whose `engines.node` excludes the runtime's Node. */
export function diagnoseEngineMismatch(
  mismatches: readonly EngineMismatch[],
  context: DependencyContext,
): Diagnosis | undefined {
  const [first, ...others] = mismatches;
  if (!first) return undefined;
  const node = `${context.runtime} (Node ${first.nodeVersion})`;
  const also =
    others.length > 0 ? ` Also: ${others.map((m) => `${m.name}@${m.version} (${m.range})`).join(', ')}.` : '';
  const summary = first.project
    ? `The project's own package.json requires node ${first.range}, which ${node} does not satisfy.${also}`
    : `${first.name}@${first.version} requires node ${first.range}, which ${node} does not satisfy.${also}`;
  const remedy = first.project
    ? `Pick a runtime within ${first.range} (\`--runtime\`, or the matrix), or widen \`engines.node\` in package.json if the app really runs on ${context.runtime}.`
    : `Pick a runtime within ${first.range} (\`--runtime\`, or the matrix), or pin a release of ${first.name} that supports ${context.runtime} (in package.json, or under \`npm:\` in ${where(context, first.name)}).`;
  return {
    class: 'package-unavailable',
    subject: first.name,
    summary,
    remedy,
    evidence: mismatches.map(
      (m) =>
        `${m.location || 'package.json'}: ${m.name}@${m.version} engines.node ${m.range}, runtime ${m.nodeVersion}`,
    ),
  };
}

/** package-unavailable for an install npm refuses, naming the package (or the lockfile npm cannot read). */
export function diagnoseDependencyFailure(failure: DependencyFailure): Diagnosis {
  const subject =
    failure.kind === 'lockfile-out-of-sync'
      ? (failure.packages[0]?.name ?? failure.lockfile)
      : failure.kind === 'unsupported-lockfile'
        ? failure.lockfile
        : failure.package;
  return {
    class: 'package-unavailable',
    subject,
    summary: failure.message,
    remedy: failure.remedy,
    evidence: [failure.message],
  };
}
