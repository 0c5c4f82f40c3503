// `stagebisect matrix [NAME|FILE]`: every runtime of a matrix file up the layer stack, cells in parallel,
// unchanged cells from the verdict cache; a table, then JUnit, Markdown and JSON for CI.
import path from 'node:path';
import { loadMatrix } from '../../config/load-matrix.js';
import { loadPlan } from '../../config/load-plan.js';
import { DockerDriver } from '../../drivers/docker/docker-driver.js';
import { ConfigError, UsageError } from '../../errors.js';
import { runMatrix } from '../../engine/run-matrix.js';
import { withRunSession } from '../../engine/run-session.js';
import { servableVersions } from '../../images/image-catalog.js';
import { planMatrix } from '../../matrix/matrix-grid.js';
import { matrixOutcome, matrixResult } from '../../matrix/matrix-result.js';
import { parseShard } from '../../matrix/shard.js';
import { shardPlan } from '../../matrix/shard-plan.js';
import { renderMatrix } from '../../report/matrix-report.js';
import { saveMatrixResult } from '../../store/latest-results.js';
import { DEFAULT_CACHE_DIR, VerdictCache } from '../../store/verdict-cache.js';
import type { CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { sessionOptions } from '../session-options.js';
import { writeMatrixOutputs, type MatrixOutputs } from './matrix-outputs.js';

export interface MatrixOptions extends MatrixOutputs {
  readonly config: string;
  readonly shard?: string;
  /** commander's `--no-cache` */
  readonly cache: boolean;
  readonly cacheDir?: string;
  readonly deep?: boolean;
}

export async function matrixCommand(
  name: string | undefined,
  options: MatrixOptions,
  context: CommandContext,
): Promise<number> {
  const plan = await loadPlan(options.config, context.cwd);
  const spec = await loadMatrix(name ?? 'nightly', plan, context.cwd);
  const { grid, issues } = planMatrix(plan, spec, (language) => servableVersions(language, plan.images));
  if (issues.length) throw new ConfigError(issues);
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  if (options.shard !== undefined && !shard) {
    throw new UsageError(
      `--shard ${options.shard} is not a shard`,
      'write it as INDEX/COUNT, e.g. --shard 1/3',
    );
  }
  const { rows, inShard } = shardPlan(grid, spec.mode, shard);
  const projectDir = path.dirname(plan.configFile);
  const cache = new VerdictCache(
    path.resolve(context.cwd, options.cacheDir ?? path.join(projectDir, DEFAULT_CACHE_DIR)),
    (message) => context.progress.event({ type: 'warning', message }),
  );
  const driver = new DockerDriver();
  await driver.ping(context.signal);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  let runId = '';
  const units =
    spec.mode === 'bisect'
      ? rows.filter((r) => !r.unservable && r.phases.length).map((r) => ({ id: r.label, title: r.label }))
      : rows.flatMap((r) =>
          r.unservable
            ? []
            : r.phases
                .filter((i) => inShard(r.label, i))
                .map((i) => {
                  const id = `${plan.phases[i - 1]!.name}@${r.label}`;
                  return { id, title: id };
                }),
        );
  const run = await withRunSession(
    { ...sessionOptions(plan, driver, context), onRunId: (id) => (runId = id) },
    (session) =>
      context.progress.concurrent(
        `matrix ${spec.name} of ${plan.name} (${spec.mode}, concurrency ${spec.concurrency}) · run ${runId}`,
        units,
        (listener) =>
          runMatrix(plan, session, {
            mode: spec.mode,
            concurrency: spec.concurrency,
            failFast: spec.failFast,
            rows,
            inShard,
            ...(options.cache
              ? { store: cache }
              : { store: { get: async () => undefined, put: (r, v) => cache.put(r, v) } }),
            listener,
            deep: options.deep === true,
          }),
      ),
  );
  // As the user would type it from here: relative below the working directory, absolute elsewhere.
  const relative = path.relative(context.cwd, plan.configFile);
  const config = relative.startsWith('..') ? plan.configFile : relative;
  const result = matrixResult({
    plan,
    matrix: spec.name,
    mode: spec.mode,
    config,
    grid,
    cells: run.cells,
    inShard,
    probes: run.probes,
    runId,
    startedAt,
    durationMs: performance.now() - started,
    ...(shard ? { shard } : {}),
  });
  // The latest whole result of this matrix, for `stagebisect docs` (a shard is only a part of it).
  if (!shard) await saveMatrixResult(projectDir, result);
  await writeMatrixOutputs(result, options, context, () => renderMatrix(result, plan.phases.length));
  const outcome = matrixOutcome(result);
  return outcome === 'pass' ? EXIT.pass : outcome === 'fail' ? EXIT.fail : EXIT.infra;
}
