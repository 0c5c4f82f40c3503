// Binary search for the first failing phase. Phases are cumulative, so failure is taken as monotone:
// once a phase fails, every later one does. Pure: probing is a function passed in.

export type ProbeOutcome = 'pass' | 'fail' | 'untestable';

export interface SearchResult {
  /** 1-based index of the first failing phase, or null when none failed (or none could be told). */
  readonly culprit: number | null;
  /** The last phase proven to pass (the one before the culprit when it is known); null when none did. */
  readonly lastGood: number | null;
  /** When untestable phases hide the exact culprit: every index it may be, in order. */
  readonly possibleCulprits: readonly number[];
  /** Every probe in the order it ran. */
  readonly probes: readonly { readonly index: number; readonly outcome: ProbeOutcome }[];
  readonly untestable: readonly number[];
  /** Pairs that contradict monotonicity: `passed` passed although the earlier `failed` failed. */
  readonly anomalies: readonly { readonly passed: number; readonly failed: number }[];
  /** True when no probe could tell pass from fail: infrastructure trouble on every path. */
  readonly inconclusive: boolean;
}

export interface SearchOptions {
  /** Outcomes already known (an earlier run, a matrix): used instead of probing, and for anomalies. */
  readonly known?: ReadonlyMap<number, Exclude<ProbeOutcome, 'untestable'>>;
}

/** Of the indices in [lo, hi) not yet ruled out, the one nearest the middle, preferring the lower. */
function nextProbe(lo: number, hi: number, skip: ReadonlySet<number>): number | undefined {
  const middle = Math.floor((lo + hi) / 2);
  for (let distance = 0; distance <= hi - lo; distance++) {
    for (const candidate of [middle - distance, middle + distance]) {
      if (candidate >= lo && candidate < hi && !skip.has(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Finds the first failing of phases 1..count in at most ceil(log2(count + 1)) probes when every probe can
 * be judged; an untestable probe is routed around, like `git bisect skip`.
 */
export async function searchFirstFailure(
  count: number,
  probe: (index: number) => Promise<ProbeOutcome>,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const outcomes = new Map<number, ProbeOutcome>(options.known ?? []);
  const probes: { index: number; outcome: ProbeOutcome }[] = [];
  const untestable = new Set<number>();
  // Invariant: every phase below `lo` passes (or lo is 1); phase `hi` fails (or hi is count + 1: none yet).
  let lo = 1;
  let hi = count + 1;
  for (;;) {
    const index = nextProbe(lo, hi, untestable);
    if (index === undefined) break;
    let outcome = outcomes.get(index);
    if (outcome === undefined) {
      outcome = await probe(index);
      outcomes.set(index, outcome);
      probes.push({ index, outcome });
    }
    if (outcome === 'untestable') untestable.add(index);
    else if (outcome === 'pass') lo = index + 1;
    else hi = index;
  }
  const hidden = [...untestable].filter((i) => i >= lo && i < hi).sort((a, b) => a - b);
  const culprit = hi <= count ? hi : null;
  const possibleCulprits = hidden.length ? [...hidden, ...(culprit ? [culprit] : [])] : [];
  const judged = [...outcomes].filter(([, o]) => o !== 'untestable');
  const anomalies = judged.flatMap(([failed, o]) =>
    o === 'fail'
      ? judged
          .filter(([passed, p]) => p === 'pass' && passed > failed)
          .map(([passed]) => ({ passed, failed }))
      : [],
  );
  return {
    culprit,
    // `lo` only moves past a phase that passed, so lo - 1 is the last phase proven good.
    lastGood: lo > 1 ? lo - 1 : null,
    possibleCulprits,
    probes,
    untestable: [...untestable].sort((a, b) => a - b),
    anomalies,
    inconclusive: count > 0 && judged.length === 0,
  };
}
