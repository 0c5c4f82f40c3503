// Bisect on one runtime: probes phases through runCell, never twice, and assembles the BisectReport.
import { diffPhases } from '../config/diff-phases.js';
import { formatRuntime, type BisectReport, type Plan, type Runtime, type Verdict } from '../model.js';
import type { Clock } from '../timing/clock.js';
import { searchFirstFailure, type ProbeOutcome } from './bisect.js';
import { checkRemedy } from './check-remedy.js';
import type { RunContext } from './run-context.js';
import { runCell } from './run-cell.js';

/** Told before each probe, so a view can show which phase is being tried. */
export type ProbeListener = (phase: { index: number; name: string }, probeNumber: number) => void;

function outcomeOf(verdict: Verdict): ProbeOutcome {
  return verdict.status === 'error' ? 'untestable' : verdict.status;
}

export async function runBisect(
  plan: Plan,
  runtime: Runtime,
  context: RunContext,
  options: {
    clock: Clock;
    onProbe?: ProbeListener;
    runProbe?: (index: number, run: () => Promise<Verdict>) => Promise<Verdict>;
  },
): Promise<BisectReport> {
  const started = options.clock.now();
  const verdicts = new Map<number, Verdict>();
  const probeOrder: BisectReport['probeOrder'][number][] = [];
  const search = await searchFirstFailure(plan.phases.length, async (index) => {
    const phase = plan.phases[index - 1]!;
    options.onProbe?.({ index, name: phase.name }, probeOrder.length + 1);
    const cell = { project: plan, phase, runtime };
    const run = async (): Promise<Verdict> => checkRemedy(await runCell(cell, context), cell, context);
    const verdict = options.runProbe ? await options.runProbe(index, run) : await run();
    verdicts.set(index, verdict);
    probeOrder.push({
      phase: phase.name,
      index,
      status: verdict.status,
      durationMs: verdict.timings.totalMs,
    });
    return outcomeOf(verdict);
  });
  const nameOf = (index: number): string => plan.phases[index - 1]!.name;
  const culpritPhase = search.culprit === null ? undefined : plan.phases[search.culprit - 1]!;
  const culpritVerdict = search.culprit === null ? undefined : verdicts.get(search.culprit);
  const lastGoodPhase = search.lastGood === null ? undefined : plan.phases[search.lastGood - 1];
  return {
    project: plan.name,
    runtime: formatRuntime(runtime),
    runId: context.scope.runId,
    phases: plan.phases.map((p) => ({
      index: p.index,
      name: p.name,
      file: p.layers[p.layers.length - 1]!.file,
    })),
    culprit: {
      phase: culpritPhase?.name ?? null,
      index: culpritPhase?.index ?? null,
      file: culpritPhase?.layers[culpritPhase.layers.length - 1]!.file ?? null,
    },
    lastGood: { phase: lastGoodPhase?.name ?? null, index: lastGoodPhase?.index ?? null },
    added: culpritPhase ? diffPhases(plan.phases[culpritPhase.index - 2], culpritPhase) : null,
    failedCheck: culpritVerdict?.checks.find((c) => c.status === 'fail') ?? null,
    diagnosis: culpritVerdict?.diagnosis ?? null,
    // A failed release ran before any app: its output is the log to show.
    logTail:
      culpritVerdict?.app?.logTail ??
      culpritVerdict?.release?.outputTail ??
      culpritVerdict?.build?.outputTail ??
      [],
    probes: search.probes.length,
    probeOrder,
    untested: search.untestable.map(nameOf),
    possibleCulprits: search.possibleCulprits.map(nameOf),
    anomalies: search.anomalies.map((a) => ({ passed: nameOf(a.passed), failed: nameOf(a.failed) })),
    inconclusive: search.inconclusive,
    durationMs: options.clock.now() - started,
    verdicts: [...verdicts.values()],
  };
}
