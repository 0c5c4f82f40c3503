// Deep bisect: after a bisect names the culprit layer, searches its additions (each package, file, env
// entry, service, a changed start:) with ddmin for a 1-minimal subset that still fails the same way on top
// of the last good phase. Each probe is a phase built and checked through runCell, as the bisect's are.
import { layerAdditions, phaseWithAdditions } from '../config/phase-additions.js';
import type {
  BisectReport,
  DeepBisectReport,
  DeepProbe,
  LayerAddition,
  Plan,
  Runtime,
  Verdict,
} from '../model.js';
import type { Clock } from '../timing/clock.js';
import { checkRemedy } from './check-remedy.js';
import { ddmin, type DdOutcome } from './ddmin.js';
import { failureSignature } from './failure-signature.js';
import type { RunContext } from './run-context.js';
import { runCell } from './run-cell.js';

export interface DeepBisectOptions {
  readonly clock: Clock;
  /** Wraps each probe, so a view can show it; `additions` are the ones taken in. */
  readonly runProbe?: (
    probe: { readonly number: number; readonly additions: readonly LayerAddition[] },
    run: () => Promise<Verdict>,
  ) => Promise<Verdict>;
}

/** What a deep bisect starts from: a bisect's report, or a matrix runtime's first failing cell. */
export type DeepBisectStart = Pick<BisectReport, 'culprit' | 'lastGood' | 'possibleCulprits' | 'verdicts'>;

function skipped(report: DeepBisectStart, reason: string, durationMs = 0): DeepBisectReport {
  return {
    phase: report.culprit.phase,
    base: report.lastGood.phase,
    additions: [],
    minimal: null,
    failure: null,
    probes: 0,
    probeOrder: [],
    diagnosis: null,
    skipped: reason,
    durationMs,
  };
}

/** Why the search cannot run on this bisect's outcome, if it cannot. */
function cannotSearch(report: DeepBisectStart): string | undefined {
  const index = report.culprit.index;
  if (index === null) return 'no phase failed, so there is no layer to search';
  if (report.possibleCulprits.length > 0) {
    return `untested phases hide the exact culprit (${report.possibleCulprits.join(', ')})`;
  }
  if (index > 1 && report.lastGood.index !== index - 1) {
    return `the phase before ${report.culprit.phase} was not proven to pass`;
  }
  return undefined;
}

const key = (additions: readonly LayerAddition[]): string => additions.map((a) => a.label).join('\n');

/**
 * Runs the search the bisect `report` makes possible, in the same run. A probe counts as failing only when
 * it fails the way the culprit did (same diagnosis class and subject); any other failure, or a probe that
 * could not be tested, is unresolved, as ddmin takes an outcome it cannot judge.
 */
export async function runDeepBisect(
  plan: Plan,
  runtime: Runtime,
  report: DeepBisectStart,
  context: RunContext,
  options: DeepBisectOptions,
): Promise<DeepBisectReport> {
  const reason = cannotSearch(report);
  if (reason !== undefined) return skipped(report, reason);
  const started = options.clock.now();
  const culprit = plan.phases[report.culprit.index! - 1]!;
  const previous = plan.phases[culprit.index - 2];
  const culpritVerdict = report.verdicts.find((v) => v.phaseIndex === culprit.index);
  const failure = culpritVerdict ? failureSignature(culpritVerdict) : undefined;
  if (failure === undefined) return skipped(report, 'the culprit has no failing verdict to reproduce');

  const additions = layerAdditions(previous, culprit);
  const verdicts = new Map<string, Verdict>([[key(additions), culpritVerdict!]]);
  const probeOrder: DeepProbe[] = [];
  const search = await ddmin(additions, async (subset): Promise<DdOutcome> => {
    const cell = { project: plan, phase: phaseWithAdditions(previous, culprit, subset), runtime };
    const run = (): Promise<Verdict> => runCell(cell, context);
    const probe = { number: probeOrder.length + 1, additions: subset };
    const verdict = options.runProbe ? await options.runProbe(probe, run) : await run();
    verdicts.set(key(subset), verdict);
    const seen = failureSignature(verdict) ?? null;
    const outcome: DdOutcome = verdict.status === 'pass' ? 'pass' : seen === failure ? 'fail' : 'unresolved';
    probeOrder.push({
      additions: subset.map((a) => a.label),
      outcome,
      status: verdict.status,
      failure: seen,
      durationMs: verdict.timings.totalMs,
    });
    return outcome;
  });
  // Only the minimal set's remedy is reported, so only its Debian proposal is asked of its image.
  const minimalCell = {
    project: plan,
    phase: phaseWithAdditions(previous, culprit, search.minimal),
    runtime,
  };
  const minimalVerdict = verdicts.get(key(search.minimal));
  const settled = minimalVerdict ? await checkRemedy(minimalVerdict, minimalCell, context) : undefined;
  return {
    phase: culprit.name,
    base: previous?.name ?? null,
    additions,
    minimal: search.minimal,
    failure,
    probes: search.tests.length,
    probeOrder,
    diagnosis: settled?.diagnosis ?? null,
    durationMs: options.clock.now() - started,
  };
}
