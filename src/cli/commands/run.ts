// `stagebisect run`: build and check one phase on one runtime; exit 0 pass, 1 fail, 125 untestable.
import { checkRemedy } from '../../engine/check-remedy.js';
import { runCell } from '../../engine/run-cell.js';
import { withRunSession } from '../../engine/run-session.js';
import { formatRuntime, type Verdict } from '../../model.js';
import { renderVerdict } from '../../report/run-report.js';
import { printResult, type CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { findPhase, openProject } from '../open-project.js';
import { sessionOptions } from '../session-options.js';

export interface RunOptions {
  readonly config: string;
  readonly phase?: string;
  readonly runtime?: string;
}

export function exitCodeOf(verdict: Verdict): number {
  return verdict.status === 'pass' ? EXIT.pass : verdict.status === 'fail' ? EXIT.fail : EXIT.infra;
}

export async function runCommand(options: RunOptions, context: CommandContext): Promise<number> {
  const { plan, runtime, driver } = await openProject(options.config, options.runtime, context);
  const phase = findPhase(plan, options.phase);
  const cell = { project: plan, phase, runtime };
  const verdict = await withRunSession(sessionOptions(plan, driver, context), (run) =>
    context.progress.cell(
      cell,
      `${plan.name}: phase ${phase.name} (${phase.index} of ${plan.phases.length}) on ${formatRuntime(runtime)} · run ${run.scope.runId}`,
      async () => checkRemedy(await runCell(cell, run), cell, run),
    ),
  );
  printResult(context, { command: 'run', project: plan.name, verdict }, () =>
    renderVerdict(verdict, { project: plan.name, phases: plan.phases.length }),
  );
  return exitCodeOf(verdict);
}
