// Pure: everything deployment_strategy.md says, as plain data a template renders: the phase plan with a
// status per runtime, the ladders, the last working configuration of each layer, the first failing layer
// of each runtime with its rollback point, the env reference, the deployment sequence, and what changed.
// Every date comes from the data, and every list has a stable order, so the same inputs give the same text.
import { diffPhases } from '../../config/diff-phases.js';
import { compareRuntimeLabels } from '../../matrix/resolve-runtimes.js';
import type { Diagnosis, MatrixResult, Plan } from '../../model.js';
import { snapshotEnv } from '../../snapshots/build-snapshot.js';
import { envOrigin, hostNeeds } from '../../snapshots/env-origin.js';
import type { Snapshot } from '../../snapshots/snapshot.js';
import type { SavedBisect } from '../../store/latest-results.js';
import { verification, type Verification } from './check-commands.js';
import { cellId, ladderStatus, latestStatuses, type CellStatus, type LadderStatus } from './cell-statuses.js';
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

export interface WorkingConfiguration {
  readonly runtime: string;
  readonly key: string;
  readonly date: string;
  readonly commit: string;
  readonly runtimeVersion: string;
  readonly runtimeImage: string;
  readonly apt: string;
  readonly pip: string;
  readonly services: string;
  readonly start: string;
  readonly restore: string;
  /** The later layer whose passing image proved this one, when it was not run on its own. */
  readonly provenBy: string | null;
}

export interface FailingLayer {
  readonly runtime: string;
  readonly phase: string;
  readonly index: number;
  readonly file: string;
  readonly date: string;
  readonly diagnosis: Diagnosis | null;
  readonly message: string;
  readonly rollback: {
    readonly phase: string;
    readonly index: number;
    readonly key: string;
    readonly date: string;
    readonly restore: string;
  } | null;
  readonly reproduce: string;
}

export interface DeploymentStep {
  readonly index: number;
  readonly phase: string;
  readonly description: string;
  readonly adds: string;
  readonly status: LadderStatus;
  readonly statusText: string;
  /** The command that proves the layer, when it is not proven yet. */
  readonly command: string | null;
  readonly env: readonly { readonly name: string; readonly host: string }[];
  readonly verify: readonly Verification[];
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
  readonly deployment: {
    readonly runtime: string | null;
    readonly reason: string;
    readonly steps: readonly DeploymentStep[];
  };
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

/** `2026-11-30 10:00 UTC` */
export function documentDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function latest(dates: readonly string[]): string | null {
  return dates.length ? [...dates].sort().pop()! : null;
}

/** A layer's additions in one line: packages, services, env, files, checks. */
function additions(plan: Plan, index: number): string {
  const phase = plan.phases[index - 1]!;
  const added = diffPhases(plan.phases[index - 2], phase);
  const parts = [
    added.apt.length ? `apt ${added.apt.join(', ')}` : '',
    added.pip.length ? `pip ${added.pip.join(', ')}` : '',
    added.requirements.length ? `requirements ${added.requirements.join(', ')}` : '',
    Object.keys(added.npm).length ? `npm ${Object.keys(added.npm).join(', ')}` : '',
    added.services.length ? `services ${added.services.join(', ')}` : '',
    added.envNames.length || added.secrets.length
      ? `env ${[...added.envNames, ...added.secrets].join(', ')}`
      : '',
    added.files === 'context'
      ? 'files: the whole context'
      : added.files.length
        ? `files ${added.files.join(', ')}`
        : '',
    added.start ? `start: ${added.start.to}` : '',
  ];
  return parts.filter(Boolean).join('; ') || 'nothing new';
}

function runCommand(config: string, runtime: string, phase: string): string {
  const configFlag = config === 'stagebisect.yaml' ? '' : ` --config ${config}`;
  return `npx stagebisect run${configFlag} --runtime ${runtime} --phase ${phase}`;
}

function restoreCommand(config: string, s: Snapshot): string {
  const configFlag = config === 'stagebisect.yaml' ? '' : ` --config ${config}`;
  return `npx stagebisect snapshot restore ${s.phase.name}${configFlag} --runtime ${s.runtime} --to restored-${s.phase.name}`;
}

function configuration(config: string, s: Snapshot): WorkingConfiguration {
  const pip = (s.packages.python ?? []).filter((p) => p.installer === 'pip');
  return {
    runtime: s.runtime,
    key: s.key.slice(0, 12),
    date: documentDate(s.date),
    commit: s.git
      ? `${s.git.commit?.slice(0, 12) ?? 'no commit'}${s.git.dirty ? ' + uncommitted changes' : ''}`
      : 'not in git',
    runtimeVersion: s.runtimeVersion?.reported ?? 'unknown',
    runtimeImage: s.runtimeImage.ref,
    apt: s.packages.apt.map((p) => `${p.name} ${p.version}`).join(', ') || 'none',
    pip: pip.map((p) => `${p.name}==${p.version}`).join(', ') || 'none',
    services:
      s.services.map((v) => `${v.name} (${v.kind} ${v.version ?? 'version unknown'})`).join(', ') || 'none',
    start: s.start,
    restore: restoreCommand(config, s),
    provenBy: s.provenBy ? s.provenBy.phase : null,
  };
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
      return s ? [configuration(config, s)] : [];
    }),
  }));

  const failing: FailingLayer[] = runtimes.flatMap((runtime) => {
    const first = plan.phases.find((p) => statusOf(runtime, p.index)?.status === 'fail');
    if (!first) return [];
    const cell = statusOf(runtime, first.index)!;
    const rollback = [...snapshots]
      .filter((s) => s.runtime === runtime && s.phase.index < first.index)
      .sort((a, b) => b.phase.index - a.phase.index)[0];
    return [
      {
        runtime,
        phase: first.name,
        index: first.index,
        file: first.layers[first.layers.length - 1]!.file,
        date: documentDate(cell.judgedAt ?? cell.date),
        diagnosis: cell.diagnosis ?? null,
        message: (cell.message ?? '').split('\n')[0] ?? '',
        rollback: rollback
          ? {
              phase: rollback.phase.name,
              index: rollback.phase.index,
              key: rollback.key.slice(0, 12),
              date: documentDate(rollback.date),
              restore: restoreCommand(config, rollback),
            }
          : null,
        reproduce: runCommand(config, runtime, first.name),
      },
    ];
  });

  const lastPhase = plan.phases[plan.phases.length - 1]!;
  const env = snapshotEnv(lastPhase).map((e) => ({
    name: e.name,
    layer: e.layer,
    secret: e.secret,
    origin: envOrigin(e),
    host: hostNeeds(e),
    byHand: e.byHand,
  }));

  // Deploy on the runtime that climbs highest; among equals, the newest.
  const height = (runtime: string): number => {
    const fails = plan.phases.find((p) => ladderStatus(statusOf(runtime, p.index)?.status) !== 'pass');
    return fails ? fails.index - 1 : plan.phases.length;
  };
  const chosen =
    [...runtimes].sort((a, b) => height(a) - height(b) || compareRuntimeLabels(a, b)).pop() ?? null;
  const steps: DeploymentStep[] = plan.phases.map((phase) => {
    const layer = phase.layers[phase.layers.length - 1]!;
    const status = chosen ? ladderStatus(statusOf(chosen, phase.index)?.status) : 'untested';
    const cell = chosen ? statusOf(chosen, phase.index) : undefined;
    const statusText =
      status === 'pass'
        ? `proven on ${chosen}`
        : status === 'fail'
          ? `fails on ${chosen}${cell?.diagnosis ? ` (${cell.diagnosis.class}${cell.diagnosis.subject ? `: ${cell.diagnosis.subject}` : ''})` : ''}: fix it before you deploy this layer`
          : `not proven on ${chosen ?? 'any runtime'} yet`;
    return {
      index: phase.index,
      phase: phase.name,
      description: phase.description,
      adds: additions(plan, phase.index),
      status,
      statusText,
      command: status === 'pass' || !chosen ? null : runCommand(config, chosen, phase.name),
      env: env.filter((e) => e.layer === phase.name).map((e) => ({ name: e.name, host: e.host })),
      verify: layer.checks.map(verification),
    };
  });

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
    failing,
    env,
    byHand: env.filter((e) => e.byHand).map((e) => e.name),
    deployment: {
      runtime: chosen,
      reason: chosen
        ? `${chosen} climbs highest: ${height(chosen)} of ${plan.phases.length} layers pass`
        : 'no runtime has been tested yet',
      steps,
    },
    changes: { first: changes === null, items: changes ?? [] },
    state: { version: 1, cells: stateCells, env: envNames, changes },
  };
}
