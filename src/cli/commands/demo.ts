// `stagebisect demo`: copies the bundled FastAPI example, plants one realistic defect, and bisects it on a
// real engine, setting up the engine and the local images it needs on the way.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlan } from '../../config/load-plan.js';
import { DockerDriver } from '../../drivers/docker/docker-driver.js';
import { provisionEngine } from '../../drivers/docker/provision-engine.js';
import { renderBisect } from '../../report/bisect-report.js';
import { printResult, type CommandContext } from '../command-context.js';
import { chooseRuntime } from '../open-project.js';
import { bisectWithProgress, exitCodeOfBisect } from './bisect.js';
import { DEMO_DEFECT, plantDemoDefect } from './demo-defect.js';

const EXAMPLE_DIR = fileURLToPath(new URL('../../../examples/python-fastapi', import.meta.url));
/** The example's five layers all pass on trixie's Python; the demo's defect is the only failure. */
export const DEMO_RUNTIME = 'python@3.13';

export async function demoCommand(
  options: { keep?: string; deep?: boolean },
  context: CommandContext,
): Promise<number> {
  const dir = options.keep
    ? path.resolve(context.cwd, options.keep)
    : await mkdtemp(path.join(os.tmpdir(), 'stagebisect-demo-'));
  try {
    await cp(EXAMPLE_DIR, dir, {
      recursive: true,
      filter: (source) => !/__pycache__|\.stagebisect/.test(source),
    });
    await plantDemoDefect(dir);
    context.progress.note(`demo: copied examples/python-fastapi to ${dir} and ${DEMO_DEFECT.description}`);
    const driver = new DockerDriver();
    await context.progress.task('Docker engine', (output) => provisionEngine(driver, output, context.signal));
    // Paths in the report are the example's own (phases/40-auth.yaml), not the temporary copy's.
    const plan = await loadPlan(path.join(dir, 'stagebisect.yaml'), dir);
    const runtime = chooseRuntime(plan, DEMO_RUNTIME);
    const report = await bisectWithProgress(plan, runtime, driver, context, { deep: options.deep ?? false });
    printResult(context, { command: 'demo', planted: DEMO_DEFECT, projectDir: dir, ...report }, () =>
      [
        `planted: ${DEMO_DEFECT.description}`,
        '',
        renderBisect(report),
        ...(options.keep ? ['', `the project is kept in ${dir}`] : []),
      ].join('\n'),
    );
    return exitCodeOfBisect(report);
  } finally {
    if (!options.keep) await rm(dir, { recursive: true, force: true });
  }
}
