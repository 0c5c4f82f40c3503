// `stagebisect export render|railway|fly|procfile --phase P`: the host's own config files, written from a
// snapshot so they pin what was proven (runtime version, dependency versions, start and health check).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadPlan } from '../../config/load-plan.js';
import { UsageError } from '../../errors.js';
import { HOSTS, hostFiles, type Host } from '../../export/host-files.js';
import { SnapshotStore } from '../../snapshots/snapshot-store.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { printResult, type CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { snapshotDir } from '../session-options.js';
import { findSnapshot } from './snapshot.js';

export interface ExportOptions {
  readonly config: string;
  readonly phase?: string;
  readonly runtime?: string;
  readonly out?: string;
  readonly force?: boolean;
}

export async function exportCommand(
  host: string,
  options: ExportOptions,
  context: CommandContext,
): Promise<number> {
  if (!(HOSTS as readonly string[]).includes(host)) {
    throw new UsageError(`no host "${host}" to export for`, `use one of ${HOSTS.join(', ')}`);
  }
  const plan = await loadPlan(options.config, context.cwd);
  const phase = options.phase ?? plan.phases[plan.phases.length - 1]!.name;
  const snapshot = await findSnapshot(new SnapshotStore(snapshotDir(plan)), plan, phase, options.runtime);
  const out = path.resolve(context.cwd, options.out ?? path.dirname(plan.configFile));
  const { plan: hostPlan, files } = hostFiles(host as Host, snapshot);
  // A file of the user's that we did not write is never replaced without --force.
  const states = await Promise.all(
    files.map(async (f) => {
      const existing = await readFile(path.join(out, f.path), 'utf8').catch(() => undefined);
      return existing === undefined ? 'new' : existing === f.content ? 'unchanged' : 'differs';
    }),
  );
  const clash = files.filter((_, i) => states[i] === 'differs');
  if (clash.length && !options.force) {
    throw new UsageError(
      `${clash.map((f) => path.join(out, f.path)).join(', ')} already exist${clash.length === 1 ? 's' : ''} with other content`,
      'add --force to replace them, or write elsewhere with --out DIR',
    );
  }
  for (const [i, file] of files.entries()) {
    if (states[i] !== 'unchanged') await writeFileAtomic(path.join(out, file.path), file.content);
  }
  const byHand = [...hostPlan.unset.map((e) => e.name)];
  printResult(
    context,
    {
      command: 'export',
      host,
      phase: snapshot.phase.name,
      runtime: snapshot.runtime,
      key: snapshot.key,
      runtimeVersion: hostPlan.version,
      out,
      files: files.map((f, i) => ({
        path: f.path,
        state: states[i] === 'unchanged' ? 'unchanged' : 'written',
      })),
      setByHand: byHand,
      generate: hostPlan.generated,
    },
    () =>
      [
        `exported ${snapshot.phase.name} on ${snapshot.runtime} (key ${snapshot.key.slice(0, 12)}) for ${host}, pinned to ${hostPlan.language} ${hostPlan.version}:`,
        ...files.map(
          (f, i) => `  ${states[i] === 'unchanged' ? 'unchanged' : 'wrote    '} ${path.join(out, f.path)}`,
        ),
        ...(byHand.length ? [`set on the host by hand: ${byHand.join(', ')}`] : []),
        ...(hostPlan.generated.length ? [`generate on the host: ${hostPlan.generated.join(', ')}`] : []),
      ].join('\n'),
  );
  return EXIT.pass;
}
