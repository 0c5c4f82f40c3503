// Per runtime, from its cells: how far up the layer stack the service works, where it stops and why, and
// the command that reproduces it. Pure, so a merge of shards summarises exactly as one run would.
import type { MatrixCell, MatrixResult, MatrixRuntimeSummary } from '../model.js';

/** The command a person runs to see one cell for themselves. */
export function reproduceCommand(config: string, runtime: string, phase: string): string {
  const configFlag = config === 'stagebisect.yaml' ? '' : ` --config ${config}`;
  return `npx stagebisect run${configFlag} --runtime ${runtime} --phase ${phase}`;
}

export function summarizeRuntime(
  runtime: string,
  cells: readonly MatrixCell[],
  phases: MatrixResult['phases'],
  config: string,
  probes: number,
): MatrixRuntimeSummary {
  const ordered = [...cells].sort((a, b) => a.phaseIndex - b.phaseIndex);
  const base = { runtime, probes };
  const judged = ordered.filter((c) => c.status !== 'excluded');
  if (judged.length === 0) {
    return { ...base, status: 'excluded', lastGood: null, firstFailing: null, reproduce: null };
  }
  const failing = judged.find((c) => c.status === 'fail');
  const lastGoodCell = [...judged]
    .filter(
      (c) =>
        (c.status === 'pass' || c.status === 'inferred-pass') &&
        c.phaseIndex < (failing?.phaseIndex ?? Infinity),
    )
    .pop();
  const lastGood = lastGoodCell ? { phase: lastGoodCell.phase, index: lastGoodCell.phaseIndex } : null;
  if (failing) {
    return {
      ...base,
      status: 'fail',
      lastGood,
      firstFailing: {
        phase: failing.phase,
        index: failing.phaseIndex,
        file: phases.find((p) => p.index === failing.phaseIndex)?.file ?? '',
        message: failing.verdict?.failure?.message ?? failing.reason ?? '',
        diagnosis: failing.verdict?.diagnosis ?? null,
        ...(failing.deep ? { deep: failing.deep } : {}),
      },
      reproduce: reproduceCommand(config, runtime, failing.phase),
    };
  }
  const unjudged = judged.find((c) => c.status === 'error' || c.status === 'untested');
  if (unjudged) {
    const reason = unjudged.verdict?.infra?.message ?? unjudged.reason ?? 'could not be tested';
    const untested = judged.every((c) => c.status === 'untested');
    return {
      ...base,
      status: untested ? 'untested' : 'error',
      lastGood,
      firstFailing: null,
      // A runtime no image serves has nothing to reproduce; infrastructure trouble may pass next time.
      reproduce: untested ? null : reproduceCommand(config, runtime, unjudged.phase),
      reason,
    };
  }
  return { ...base, status: 'pass', lastGood, firstFailing: null, reproduce: null };
}

export function summarize(
  runtimes: readonly string[],
  cells: readonly MatrixCell[],
  phases: MatrixResult['phases'],
  config: string,
  probes: Readonly<Record<string, number>>,
): MatrixRuntimeSummary[] {
  return runtimes
    .filter((runtime) => cells.some((c) => c.runtime === runtime))
    .map((runtime) =>
      summarizeRuntime(
        runtime,
        cells.filter((c) => c.runtime === runtime),
        phases,
        config,
        probes[runtime] ?? 0,
      ),
    );
}
