// `stagebisect snapshot list|show|diff|restore`: the working configurations passing cells recorded,
// beside the project's stagebisect.yaml. Reads files only: no engine needed.
import path from 'node:path';
import { loadPlan } from '../../config/load-plan.js';
import { UsageError } from '../../errors.js';
import { formatRuntime, type Plan } from '../../model.js';
import {
  renderRestore,
  renderSnapshot,
  renderSnapshotDiff,
  renderSnapshotList,
} from '../../report/snapshot-report.js';
import { diffSnapshots } from '../../snapshots/diff-snapshots.js';
import { restoreSnapshot } from '../../snapshots/restore-snapshot.js';
import type { Snapshot } from '../../snapshots/snapshot.js';
import { SnapshotStore } from '../../snapshots/snapshot-store.js';
import { printResult, type CommandContext } from '../command-context.js';
import { displayPath } from '../display-path.js';
import { EXIT } from '../exit-codes.js';
import { snapshotDir } from '../session-options.js';

export interface SnapshotOptions {
  readonly config: string;
  readonly runtime?: string;
  readonly to?: string;
  readonly force?: boolean;
}

async function openStore(
  options: SnapshotOptions,
  context: CommandContext,
): Promise<{ plan: Plan; store: SnapshotStore }> {
  const plan = await loadPlan(options.config, context.cwd);
  return { plan, store: new SnapshotStore(snapshotDir(plan)) };
}

/**
 * The snapshot `reference` names: `db@python@3.13`, or `db` with --runtime, or `db` alone when it has one
 * snapshot (else the project's runtime's). A phase may be named by its index.
 */
export async function findSnapshot(
  store: SnapshotStore,
  plan: Plan,
  reference: string,
  runtimeOption: string | undefined,
): Promise<Snapshot> {
  const at = reference.indexOf('@');
  const asked = at < 0 ? reference : reference.slice(0, at);
  const runtime = at < 0 ? runtimeOption : reference.slice(at + 1);
  const phase = plan.phases.find((p) => String(p.index) === asked)?.name ?? asked;
  const { snapshots } = await store.list();
  const ofPhase = snapshots.filter((s) => s.phase.name === phase);
  const available = ofPhase.map((s) => s.runtime).join(', ');
  if (ofPhase.length === 0) {
    const phases = [...new Set(snapshots.map((s) => s.phase.name))];
    throw new UsageError(
      `no snapshot of phase "${phase}" in ${store.dir}`,
      phases.length
        ? `snapshots exist for: ${phases.join(', ')}; a passing run of ${phase} takes one`
        : `a passing \`stagebisect run --phase ${phase}\` (or bisect, or matrix) takes one`,
    );
  }
  if (runtime !== undefined) {
    const found = ofPhase.find((s) => s.runtime === runtime);
    if (!found) {
      throw new UsageError(
        `no snapshot of ${phase} on ${runtime}`,
        `snapshots of ${phase}: ${available}; or run \`stagebisect run --phase ${phase} --runtime ${runtime}\``,
      );
    }
    return found;
  }
  if (ofPhase.length === 1) return ofPhase[0]!;
  const preferred = ofPhase.find((s) => s.runtime === formatRuntime(plan.defaultRuntime));
  if (preferred) return preferred;
  throw new UsageError(
    `phase ${phase} has snapshots on several runtimes (${available})`,
    `name one: ${phase}@${ofPhase[0]!.runtime}, or --runtime ${ofPhase[0]!.runtime}`,
  );
}

export async function snapshotListCommand(
  options: SnapshotOptions,
  context: CommandContext,
): Promise<number> {
  const { plan, store } = await openStore(options, context);
  const { snapshots, problems } = await store.list();
  for (const problem of problems) context.progress.event({ type: 'warning', message: problem });
  const shown = displayPath(context.cwd, store.dir);
  printResult(
    context,
    {
      command: 'snapshot list',
      project: plan.name,
      dir: store.dir,
      snapshots: snapshots.map((s) => ({
        phase: s.phase.name,
        phaseIndex: s.phase.index,
        runtime: s.runtime,
        key: s.key,
        date: s.date,
        runtimeVersion: s.runtimeVersion?.version ?? null,
        git: s.git,
      })),
      problems,
    },
    () => renderSnapshotList(snapshots, problems, shown),
  );
  return EXIT.pass;
}

export async function snapshotShowCommand(
  reference: string,
  options: SnapshotOptions,
  context: CommandContext,
): Promise<number> {
  const { plan, store } = await openStore(options, context);
  const snapshot = await findSnapshot(store, plan, reference, options.runtime);
  printResult(context, snapshot, () => renderSnapshot(snapshot));
  return EXIT.pass;
}

export async function snapshotDiffCommand(
  from: string,
  to: string,
  options: SnapshotOptions,
  context: CommandContext,
): Promise<number> {
  const { plan, store } = await openStore(options, context);
  const a = await findSnapshot(store, plan, from, options.runtime);
  const b = await findSnapshot(store, plan, to, options.runtime);
  const diff = diffSnapshots(a, b);
  printResult(context, { command: 'snapshot diff', ...diff }, () => renderSnapshotDiff(diff));
  return EXIT.pass;
}

export async function snapshotRestoreCommand(
  reference: string,
  options: SnapshotOptions,
  context: CommandContext,
): Promise<number> {
  if (!options.to) throw new UsageError('snapshot restore needs --to DIR', 'e.g. --to restored-db');
  const { plan, store } = await openStore(options, context);
  const snapshot = await findSnapshot(store, plan, reference, options.runtime);
  const restored = await restoreSnapshot(store, snapshot, path.resolve(context.cwd, options.to), {
    force: options.force === true,
  });
  printResult(
    context,
    {
      command: 'snapshot restore',
      phase: snapshot.phase.name,
      runtime: snapshot.runtime,
      key: snapshot.key,
      ...restored,
    },
    () => renderRestore(snapshot, restored),
  );
  return EXIT.pass;
}
