// Pure: everything deployment_strategy.md says, as plain data a template renders: the phase plan with a
// status per runtime, the ladders, the last working configuration of each layer, the first failing layer
// of each runtime with its rollback point, the env reference, the deployment sequence, and what changed.
// Every date comes from the data, and every list has a stable order, so the same inputs give the same text.
import { compareRuntimeLabels } from '../../matrix/resolve-runtimes.js';
import type { MatrixResult, Plan } from '../../model.js';
import { snapshotEnv } from '../../snapshots/build-snapshot.js';
import { envOrigin, hostNeeds } from '../../snapshots/env-origin.js';
import type { Snapshot } from '../../snapshots/snapshot.js';
import type { SavedBisect } from '../../store/latest-results.js';
import { cellId, ladderStatus, latestStatuses, type CellStatus, type LadderStatus } from './cell-statuses.js';
import { deploymentSequence, type DeploymentSequence } from './deployment-sequence.js';
import { additions, documentDate } from './document-text.js';
import { failingLayers, type FailingLayer } from './failing-layers.js';
import { workingConfiguration, type WorkingConfiguration } from './working-configuration.js';
import { changesSince, type DocumentState, type StateCell } from './document-state.js';
import { mermaidLadder } from './mermaid-ladder.js';

export interface StrategyInputs {
  readonly plan: Plan;
  /** The project file as a person types it in commands (`stagebisect.yaml`, `api/stagebisect.yaml`). */
  readonly config: string;
  readonly snapshots: readonly Snapshot[];
  readonly matrices: readonly MatrixResult[];
  readonly bisects: readonly SavedBisect[];
  /** The state the previous document carried, to say what changed. */
  readonly previous?: DocumentState;
}

export interface StatusMark {
  readonly runtime: string;
  readonly status: LadderStatus;
  readonly inferred: boolean;
  /** ✅ ❌ ❔ ➖, in brackets when inferred. */
  readonly mark: string;
}

export interface StrategyModel {
  readonly project: string;
  readonly stack: string;
  readonly config: string;
  /** The newest date in the data, or null when there is none yet. */
  readonly asOf: string | null;
  readonly sources: readonly string[];
  readonly runtimes: readonly string[];
  readonly phases: readonly {
    readonly index: number;
    readonly name: string;
    readonly description: string;
    readonly file: string;
    readonly adds: string;
    readonly statuses: readonly StatusMark[];
    readonly lastPassed: string | null;
  }[];
  readonly ladders: readonly {
    readonly runtime: string;
    readonly summary: string;
    readonly mermaid: string;
  }[];
  readonly working: readonly {
    readonly index: number;
    readonly phase: string;
    readonly configurations: readonly WorkingConfiguration[];
  }[];
  readonly failing: readonly FailingLayer[];
  readonly env: readonly {
    readonly name: string;
    readonly layer: string;
    readonly secret: boolean;
    readonly origin: string;
    readonly host: string;
    readonly byHand: boolean;
  }[];
  readonly byHand: readonly string[];
  readonly deployment: DeploymentSequence;
  readonly changes: { readonly first: boolean; readonly items: readonly string[] };
  /** Carried in the document for the next one. */
  readonly state: DocumentState;
}

const MARKS: Readonly<Record<LadderStatus, string>> = {
  pass: '✅',
  fail: '❌',
  untested: '❔',
  excluded: '➖',
};

function latest(dates: readonly string[]): string | null {
  return dates.length ? [...dates].sort().pop()! : null;
}

export function strategyModel(inputs: StrategyInputs): StrategyModel {
  const { plan, config, snapshots } = inputs;
  const statuses = latestStatuses(inputs);
  const runtimes = [...new Set([...statuses.values()].map((s) => s.runtime))].sort(compareRuntimeLabels);
  const statusOf = (runtime: string, index: number): CellStatus | undefined =>
    statuses.get(cellId(runtime, index));
  const mark = (runtime: string, index: number): StatusMark => {
    const cell = statusOf(runtime, index);
    const status = ladderStatus(cell?.status);
    const inferred = cell?.status === 'inferred-pass' || cell?.status === 'inferred-fail';
    return { runtime, status, inferred, mark: inferred ? `(${MARKS[status]})` : MARKS[status] };
  };
  const snapshotOf = (runtime: string, phase: string): Snapshot | undefined =>
    snapshots.find((s) => s.runtime === runtime && s.phase.name === phase);

  const phases = plan.phases.map((phase) => ({
    index: phase.index,
    name: phase.name,
    description: phase.description,
    file: phase.layers[phase.layers.length - 1]!.file,
    adds: additions(plan, phase.index),
    statuses: runtimes.map((r) => mark(r, phase.index)),
    // A passing cell ran the checks of every layer below its own too: those layers passed with it.
    lastPassed: (() => {
      const dates = [
        ...snapshots.filter((s) => s.phase.index >= phase.index).map((s) => s.date),
        ...[...statuses.values()]
          .filter((s) => s.phaseIndex >= phase.index && s.status === 'pass' && s.judgedAt)
          .map((s) => s.judgedAt!),
      ];

      const date = latest(dates);
      return date ? documentDate(date) : null;
    })(),
  }));

  const ladders = runtimes.map((runtime) => {
    const rungs = plan.phases.map((p) => ({ index: p.index, name: p.name, ...mark(runtime, p.index) }));
    const passing = rungs.filter((r) => r.status === 'pass').length;
    const failing = rungs.find((r) => r.status === 'fail');
    const summary = failing
      ? `${passing} of ${rungs.length} layers pass; ${failing.name} is the first that fails`
      : passing === rungs.length
        ? `every layer passes`
        : `${passing} of ${rungs.length} layers pass; the rest are untested`;
    return { runtime, summary, mermaid: mermaidLadder(rungs) };
  });

  const working = plan.phases.map((phase) => ({
    index: phase.index,
    phase: phase.name,
    configurations: runtimes.flatMap((r) => {
      const s = snapshotOf(r, phase.name);
      return s ? [workingConfiguration(config, s)] : [];
    }),
  }));

  const lastPhase = plan.phases[plan.phases.length - 1]!;
  const env = snapshotEnv(lastPhase).map((e) => ({
    name: e.name,
    layer: e.layer,
    secret: e.secret,
    origin: envOrigin(e),
    host: hostNeeds(e),
    byHand: e.byHand,
  }));

  const stateCells: StateCell[] = plan.phases.flatMap((phase) =>
    runtimes.map((runtime) => {
      const m = mark(runtime, phase.index);
      const key = m.status === 'pass' ? snapshotOf(runtime, phase.name)?.key : undefined;
      return {
        phase: phase.name,
        index: phase.index,
        runtime,
        status: `${m.status}${m.inferred ? ' (inferred)' : ''}`,
        ...(key ? { key } : {}),
      };
    }),
  );
  const envNames = env.map((e) => e.name);
  const changes = changesSince(inputs.previous, stateCells, envNames);

  const dates = [
    ...snapshots.map((s) => s.date),
    ...inputs.matrices.map((m) => m.startedAt),
    ...inputs.bisects.map((b) => b.startedAt),
  ];
  const asOf = latest(dates);
  const sources = [
    ...[...inputs.matrices]
      .sort((a, b) => (a.matrix < b.matrix ? -1 : 1))
      .map(
        (m) =>
          `matrix ${m.matrix} (${m.mode} mode), run ${m.runIds.join(', ')} on ${documentDate(m.startedAt)}`,
      ),
    ...[...inputs.bisects]
      .sort((a, b) => compareRuntimeLabels(a.report.runtime, b.report.runtime))
      .map((b) => `bisect on ${b.report.runtime}, run ${b.report.runId} on ${documentDate(b.startedAt)}`),
    ...(snapshots.length
      ? [`${snapshots.length} snapshot${snapshots.length === 1 ? '' : 's'} of passing cells`]
      : []),
  ];

  return {
    project: plan.name,
    stack: plan.stack,
    config,
    asOf: asOf ? documentDate(asOf) : null,
    sources,
    runtimes,
    phases,
    ladders,
    working,
    failing: failingLayers(plan, runtimes, statusOf, snapshots, config),
    env,
    byHand: env.filter((e) => e.byHand).map((e) => e.name),
    deployment: deploymentSequence(plan, runtimes, statusOf, env, config),
    changes: { first: changes === null, items: changes ?? [] },
    state: { version: 1, cells: stateCells, env: envNames, changes },
  };
}
