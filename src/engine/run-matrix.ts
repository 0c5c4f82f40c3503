// Runs a matrix on one engine: per runtime a bisect from the outcomes already known (mode bisect), or
// every cell (mode full); cells in parallel up to the concurrency; a cell whose key has a stored verdict
// is neither built nor run.
import { InfraError, isInterrupted } from '../errors.js';
import type { MatrixRow } from '../matrix/matrix-grid.js';
import type { MatrixCell, Plan, Verdict } from '../model.js';
import type { CellRecipe } from '../recipes/recipe.js';
import { searchFirstFailure, type ProbeOutcome } from './bisect.js';
import { limitConcurrency, type Limited } from './concurrency-limit.js';
import { prepareRecipe, resolveImages } from './prepare-recipe.js';
import type { RunContext } from './run-context.js';
import { runCell } from './run-cell.js';
import { runDeepBisect } from './run-deep-bisect.js';
import type { VerdictStore } from './verdict-store.js';

export interface MatrixListener {
  /** A unit (a runtime's bisect, or one cell in full mode) starts. */
  start(unit: string, title: string): void;
  /** It moves on: a probe starts, a cell is found in the cache. */
  update(unit: string, detail: string): void;
  end(unit: string, status: 'pass' | 'fail' | 'error' | 'skip', detail: string): void;
}

export interface MatrixRunOptions {
  readonly mode: 'bisect' | 'full';
  readonly concurrency: number;
  readonly failFast: boolean;
  /** The rows to run (this shard's, in bisect mode). */
  readonly rows: readonly MatrixRow[];
  /** Full mode: whether a cell belongs to this shard. */
  readonly inShard?: (runtime: string, phaseIndex: number) => boolean;
  readonly store?: VerdictStore;
  readonly listener?: MatrixListener;
  /** Bisect mode: search each runtime's culprit layer for the additions that break it. */
  readonly deep?: boolean;
}

export interface MatrixRun {
  readonly cells: MatrixCell[];
  /** Cells built and run (not cached), by runtime. */
  readonly probes: Readonly<Record<string, number>>;
}

const silent: MatrixListener = { start: () => undefined, update: () => undefined, end: () => undefined };

function statusOf(verdict: Verdict): MatrixCell['status'] {
  return verdict.status;
}

function cellOf(row: MatrixRow, plan: Plan, index: number, verdict: Verdict): MatrixCell {
  return {
    runtime: row.label,
    phase: plan.phases[index - 1]!.name,
    phaseIndex: index,
    status: statusOf(verdict),
    cached: verdict.cached === true,
    ...(verdict.key ? { key: verdict.key } : {}),
    verdict,
  };
}

function notRun(
  row: MatrixRow,
  plan: Plan,
  index: number,
  status: MatrixCell['status'],
  reason: string,
): MatrixCell {
  return {
    runtime: row.label,
    phase: plan.phases[index - 1]!.name,
    phaseIndex: index,
    status,
    cached: false,
    reason,
  };
}

class MatrixRunner {
  private readonly limit: Limited;
  private readonly listener: MatrixListener;
  private stopped: string | undefined;
  readonly probes: Record<string, number> = {};

  constructor(
    private readonly plan: Plan,
    private readonly context: RunContext,
    private readonly options: MatrixRunOptions,
  ) {
    this.limit = limitConcurrency(options.concurrency);
    this.listener = options.listener ?? silent;
  }

  /** One cell, through the cache; a fresh pass or fail is stored for the next run. */
  private async judge(row: MatrixRow, index: number): Promise<Verdict> {
    const cell = { project: this.plan, phase: this.plan.phases[index - 1]!, runtime: row.runtime };
    let recipe: CellRecipe | undefined;
    const store = this.options.store;
    const verdict = await runCell(cell, this.context, {
      ...(store ? { lookup: (key: string) => store.get(key) } : {}),
      onRecipe: (made) => (recipe = made),
    });
    if (!verdict.cached) {
      this.probes[row.label] = (this.probes[row.label] ?? 0) + 1;
      if (store && recipe && verdict.status !== 'error') await store.put(recipe, verdict);
    }
    if (verdict.status !== 'pass' && this.options.failFast) {
      this.stopped ??= `fail_fast: stopped after ${cell.phase.name} on ${row.label} ${verdict.status === 'fail' ? 'failed' : 'could not be tested'}`;
    }
    return verdict;
  }

  /** Stored verdicts of a row's cells, by phase index: what its bisect need not probe. */
  private async known(row: MatrixRow): Promise<Map<number, Verdict>> {
    const found = new Map<number, Verdict>();
    const store = this.options.store;
    if (!store) return found;
    // A runtime image made for the first time (a cold machine) takes minutes: say so as it happens.
    const say = (line: string): void => {
      if (line.endsWith('…')) this.listener.update(row.label, line);
    };
    for (const index of row.phases) {
      const cell = { project: this.plan, phase: this.plan.phases[index - 1]!, runtime: row.runtime };
      const images = await resolveImages(cell, this.context, say);
      const prepared = await prepareRecipe(cell, images, this.context, say);
      // A cell failing before its build (an engines mismatch) still has a key, and may be stored.
      const recipe = prepared.recipe;
      if (!recipe) continue;
      const stored = await store.get(recipe.key);
      if (stored) found.set(index, { ...stored, cached: true });
    }
    return found;
  }

  async bisectRow(row: MatrixRow): Promise<MatrixCell[]> {
    const { plan } = this;
    if (row.unservable) return row.phases.map((i) => notRun(row, plan, i, 'untested', row.unservable!));
    if (row.phases.length === 0) return [];
    this.listener.start(row.label, `${row.label}: bisect ${row.phases.length} phases`);
    let known: Map<number, Verdict>;
    try {
      known = await this.known(row);
    } catch (error) {
      if (isInterrupted(error) || !(error instanceof InfraError)) throw error;
      this.listener.end(row.label, 'error', error.message);
      return row.phases.map((i) => notRun(row, plan, i, 'error', `${error.message} (${error.remedy})`));
    }
    const verdicts = new Map<number, Verdict>(known);
    const position = (index: number): number => row.phases.indexOf(index) + 1;
    const knownOutcomes = new Map(
      [...known].map(([index, v]) => [position(index), v.status as Exclude<ProbeOutcome, 'untestable'>]),
    );
    const search = await searchFirstFailure(
      row.phases.length,
      async (at) => {
        const index = row.phases[at - 1]!;
        if (this.stopped) return 'untestable';
        const name = plan.phases[index - 1]!.name;
        this.listener.update(row.label, `probe ${name} (${index} of ${plan.phases.length})`);
        const verdict = await this.limit(() => this.judge(row, index));
        verdicts.set(index, verdict);
        return verdict.status === 'error' ? 'untestable' : verdict.status;
      },
      { known: knownOutcomes },
    );
    const lastGood = search.lastGood === null ? 0 : row.phases[search.lastGood - 1]!;
    const culprit = search.culprit === null ? Infinity : row.phases[search.culprit - 1]!;
    const why = (index: number): { status: MatrixCell['status']; reason: string } => {
      if (index < lastGood) {
        return {
          status: 'inferred-pass',
          reason: `a later phase (${plan.phases[lastGood - 1]!.name}) passed`,
        };
      }
      if (index > culprit) {
        return {
          status: 'inferred-fail',
          reason: `an earlier phase (${plan.phases[culprit - 1]!.name}) fails`,
        };
      }
      return { status: 'untested', reason: this.stopped ?? 'an untestable phase hides it from the bisect' };
    };
    const cells = row.phases.map((index) => {
      const verdict = verdicts.get(index);
      if (verdict) return cellOf(row, plan, index, verdict);
      const { status, reason } = why(index);
      return notRun(row, plan, index, status, reason);
    });
    const first = cells.find((c) => c.status === 'fail');
    const failing = first && this.options.deep ? await this.deepen(row, first, cells, search) : first;
    if (failing && failing !== first) cells[cells.indexOf(first!)] = failing;
    const summary = failing
      ? `first failing: ${failing.phase}${failing.verdict?.diagnosis ? ` (${failing.verdict.diagnosis.class})` : ''}`
      : search.inconclusive || cells.some((c) => c.status === 'error' || c.status === 'untested')
        ? 'could not be judged'
        : 'every phase passes';
    this.listener.end(
      row.label,
      failing ? 'fail' : summary === 'every phase passes' ? 'pass' : 'error',
      summary,
    );
    return cells;
  }

  /** Deep bisect inside the runtime's culprit layer, its probes within the matrix's concurrency. */
  private async deepen(
    row: MatrixRow,
    failing: MatrixCell,
    cells: readonly MatrixCell[],
    search: { readonly possibleCulprits: readonly number[] },
  ): Promise<MatrixCell> {
    const { plan } = this;
    const before = cells.filter((c) => c.phaseIndex < failing.phaseIndex && c.status !== 'fail').pop();
    const passed =
      before && (before.status === 'pass' || before.status === 'inferred-pass') ? before : undefined;
    this.listener.update(row.label, `deep bisect inside ${failing.phase}`);
    const deep = await runDeepBisect(
      plan,
      row.runtime,
      {
        culprit: { phase: failing.phase, index: failing.phaseIndex, file: null },
        lastGood: { phase: passed?.phase ?? null, index: passed?.phaseIndex ?? null },
        possibleCulprits: search.possibleCulprits.map((p) => plan.phases[row.phases[p - 1]! - 1]!.name),
        verdicts: failing.verdict ? [failing.verdict] : [],
      },
      this.context,
      { clock: this.context.clock, runProbe: (_probe, run) => this.limit(run) },
    );
    return { ...failing, deep };
  }

  async fullCell(row: MatrixRow, index: number): Promise<MatrixCell> {
    const { plan } = this;
    const id = `${plan.phases[index - 1]!.name}@${row.label}`;
    if (row.unservable) return notRun(row, plan, index, 'untested', row.unservable);
    return this.limit(async () => {
      if (this.stopped) return notRun(row, plan, index, 'untested', this.stopped);
      this.listener.start(id, id);
      const verdict = await this.judge(row, index);
      this.listener.end(id, verdict.status, verdict.cached ? `cached ${verdict.status}` : verdict.status);
      return cellOf(row, plan, index, verdict);
    });
  }
}

export async function runMatrix(
  plan: Plan,
  context: RunContext,
  options: MatrixRunOptions,
): Promise<MatrixRun> {
  const runner = new MatrixRunner(plan, context, options);
  const groups =
    options.mode === 'bisect'
      ? options.rows.map((row) => runner.bisectRow(row))
      : options.rows.map(async (row) =>
          Promise.all(
            row.phases
              .filter((index) => options.inShard?.(row.label, index) ?? true)
              .map((index) => runner.fullCell(row, index)),
          ),
        );
  const settled = await Promise.allSettled(groups);
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected) throw rejected.reason;
  const cells = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
  return { cells, probes: runner.probes };
}
