// `stagebisect ci init`: writes the GitHub Actions workflow that runs a matrix nightly in shards.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { githubWorkflow } from '../../ci/github-workflow.js';
import { loadMatrix } from '../../config/load-matrix.js';
import { loadPlan } from '../../config/load-plan.js';
import { UsageError } from '../../errors.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { DEFAULT_CACHE_DIR } from '../../store/verdict-cache.js';
import { printResult, type CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';

export interface CiInitOptions {
  readonly config: string;
  readonly matrix: string;
  readonly schedule: string;
  readonly shards: string;
  readonly out?: string;
  readonly force: boolean;
}

const CRON = /^(\S+\s+){4}\S+$/;

export async function ciInitCommand(options: CiInitOptions, context: CommandContext): Promise<number> {
  const shards = Number(options.shards);
  if (!Number.isInteger(shards) || shards < 1 || shards > 32) {
    throw new UsageError(
      `--shards ${options.shards} is not a number of shards`,
      'give a whole number from 1 to 32',
    );
  }
  if (!CRON.test(options.schedule.trim())) {
    throw new UsageError(
      `--schedule "${options.schedule}" is not a cron line`,
      'five fields, e.g. "0 3 * * *" (03:00 UTC)',
    );
  }
  const plan = await loadPlan(options.config, context.cwd);
  // The matrix must exist and be valid now, not on the first night.
  const spec = await loadMatrix(options.matrix, plan, context.cwd);
  const relative = (file: string): string => path.relative(context.cwd, file).split(path.sep).join('/');
  const out = path.resolve(
    context.cwd,
    options.out ?? path.join('.github', 'workflows', `stagebisect-${spec.name}.yml`),
  );
  if (existsSync(out) && !options.force) {
    throw new UsageError(
      `${relative(out)} exists`,
      'pass --force to replace it, or --out to write elsewhere',
    );
  }
  const text = githubWorkflow({
    matrix: spec.name,
    config: relative(plan.configFile),
    cacheDir: relative(path.join(path.dirname(plan.configFile), DEFAULT_CACHE_DIR)),
    schedule: options.schedule.trim(),
    shards,
    images: plan.images,
    nodeVersion: '22',
  });
  await writeFileAtomic(out, text);
  printResult(
    context,
    { command: 'ci init', workflow: relative(out), matrix: spec.name, shards },
    () =>
      `wrote ${relative(out)}: the ${spec.name} matrix at "${options.schedule}" in ${shards} shard${shards === 1 ? '' : 's'}, merged into one report`,
  );
  return EXIT.pass;
}
