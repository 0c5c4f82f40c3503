// `stagebisect bisect`: find the first failing phase; exit 0 all pass, 1 culprit found, 125 untestable.
import path from 'node:path';
import { runBisect } from '../../engine/run-bisect.js';
import { runDeepBisect } from '../../engine/run-deep-bisect.js';
import { withRunSession } from '../../engine/run-session.js';
import type { Driver } from '../../drivers/driver.js';
import { formatRuntime, type BisectReport, type Plan, type Runtime } from '../../model.js';
import { renderBisect } from '../../report/bisect-report.js';
import { saveBisectResult } from '../../store/latest-results.js';
import { systemClock } from '../../timing/clock.js';
import { printResult, type CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { openProject } from '../open-project.js';
import { sessionOptions } from '../session-options.js';

export interface BisectOptions {
  readonly config: string;
  readonly runtime?: string;
  /** Go on inside the culprit layer: which of its additions break it. */
  readonly deep?: boolean;
}

export function exitCodeOfBisect(report: BisectReport): number {
  if (report.inconclusive) return EXIT.infra;
  return report.culprit.phase !== null || report.possibleCulprits.length ? EXIT.fail : EXIT.pass;
}

/** Runs the bisect (and with `deep`, the search inside the culprit layer) with progress; shared by `bisect` and `demo`. */
export async function bisectWithProgress(
  plan: Plan,
  runtime: Runtime,
  driver: Driver,
  context: CommandContext,
  options: { readonly deep?: boolean } = {},
): Promise<BisectReport> {
  return withRunSession(sessionOptions(plan, driver, context), async (run) => {
    const report = await runBisect(plan, runtime, run, {
      clock: systemClock,
      runProbe: (index, probe) => {
        const phase = plan.phases[index - 1]!;
        const title = `probe: phase ${phase.name} (${phase.index} of ${plan.phases.length}) on ${formatRuntime(runtime)}`;
        return context.progress.cell({ project: plan, phase, runtime }, title, probe);
      },
    });
    if (!options.deep) return report;
    const deep = await runDeepBisect(plan, runtime, report, run, {
      clock: systemClock,
      runProbe: ({ number, additions }, probe) => {
        const phase = plan.phases[report.culprit.index! - 1]!;
        const taken = additions.length ? additions.map((a) => a.label).join(', ') : 'none of its additions';
        const title = `deep probe ${number}: phase ${phase.name} with ${taken}`;
        return context.progress.cell({ project: plan, phase, runtime }, title, probe);
      },
    });
    return { ...report, deep };
  });
}

export async function bisectCommand(options: BisectOptions, context: CommandContext): Promise<number> {
  const { plan, runtime, driver } = await openProject(options.config, options.runtime, context);
  const startedAt = new Date().toISOString();
  const report = await bisectWithProgress(plan, runtime, driver, context, { deep: options.deep ?? false });
  // The latest bisect of this runtime, for `stagebisect docs`; a run nothing could judge tells nothing.
  if (!report.inconclusive) await saveBisectResult(path.dirname(plan.configFile), startedAt, report);
  printResult(context, { command: 'bisect', ...report }, () => renderBisect(report));
  return exitCodeOfBisect(report);
}
