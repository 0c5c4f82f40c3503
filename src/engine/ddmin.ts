// Delta debugging (ddmin, Zeller & Hildebrandt 2002): a 1-minimal failing subset of a failing set. Pure:
// the test is a function passed in, and every subset is tested at most once.

/**
 * `fail`: the subset reproduces the failure. `pass`: it does not fail at all. `unresolved`: the test could
 * not tell (it failed some other way, or could not run); ddmin treats it like `pass` for the search, and it
 * never counts as the failure.
 */
export type DdOutcome = 'pass' | 'fail' | 'unresolved';

export interface DdTest<T> {
  readonly subset: readonly T[];
  readonly outcome: DdOutcome;
}

export interface DdResult<T> {
  /** Fails, and removing any one of its items no longer does. Empty when the empty set fails already. */
  readonly minimal: readonly T[];
  /** Every subset tested, in order: the probes it took. */
  readonly tests: readonly DdTest<T>[];
}

/** `items` split into `n` runs of nearly equal length, in order. */
function split(items: readonly number[], n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    items.slice(Math.floor((i * items.length) / n), Math.floor(((i + 1) * items.length) / n)),
  );
}

/**
 * The subset of `items` ddmin reduces them to. `items` must fail as a whole (that is given, not tested);
 * the empty set is tested first, since a 1-minimal single item is one only if nothing at all does not fail.
 * With one failure-inducing item among n, it takes about 2·log2(n) + 1 tests.
 */
export async function ddmin<T>(
  items: readonly T[],
  test: (subset: readonly T[]) => Promise<DdOutcome>,
): Promise<DdResult<T>> {
  const tests: DdTest<T>[] = [];
  const known = new Map<string, DdOutcome>([[items.map((_, i) => i).join(','), 'fail']]);
  const fails = async (indices: readonly number[]): Promise<boolean> => {
    const key = indices.join(',');
    let outcome = known.get(key);
    if (outcome === undefined) {
      const subset = indices.map((i) => items[i]!);
      outcome = await test(subset);
      known.set(key, outcome);
      tests.push({ subset, outcome });
    }
    return outcome === 'fail';
  };

  if (await fails([])) return { minimal: [], tests };
  let current = items.map((_, i) => i);
  let n = 2;
  while (current.length >= 2) {
    const subsets = split(current, n);
    let reduced: { to: number[]; n: number } | undefined;
    // Reduce to a subset: the failure lies inside one part.
    for (const subset of subsets) {
      if (await fails(subset)) {
        reduced = { to: subset, n: 2 };
        break;
      }
    }
    // Reduce to a complement: removing one part keeps the failure.
    for (const subset of reduced ? [] : subsets) {
      const complement = current.filter((i) => !subset.includes(i));
      if (await fails(complement)) {
        reduced = { to: complement, n: Math.max(n - 1, 2) };
        break;
      }
    }
    if (reduced) {
      current = reduced.to;
      n = reduced.n;
      continue;
    }
    // Increase granularity, until every part is a single item: then `current` is 1-minimal.
    if (n >= current.length) break;
    n = Math.min(current.length, n * 2);
  }
  return { minimal: current.map((i) => items[i]!), tests };
}
