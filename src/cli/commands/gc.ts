// `stagebisect gc`: removes what crashed runs left on the engine (by label), live runs spared; with
// --cache also the layer cache, verdicts and host caches, of one project when one is named.
import path from 'node:path';
import { loadPlan } from '../../config/load-plan.js';
import { DockerDriver } from '../../drivers/docker/docker-driver.js';
import { hostCacheUsage, pruneHostCaches } from '../../drivers/host-caches.js';
import { UsageError } from '../../errors.js';
import { formatBytes } from '../../report/format-bytes.js';
import { DEFAULT_CACHE_DIR, VerdictCache } from '../../store/verdict-cache.js';
import { printResult, type CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';

export interface GcCommandOptions {
  readonly all: boolean;
  readonly cache: boolean;
  readonly project?: string;
  readonly config?: string;
  readonly olderThan: string;
}

export async function gcCommand(options: GcCommandOptions, context: CommandContext): Promise<number> {
  const days = Number(options.olderThan);
  if (!Number.isFinite(days) || days < 0) {
    throw new UsageError(`--older-than ${options.olderThan} is not a number of days`, 'e.g. --older-than 30');
  }
  const plan = options.config ? await loadPlan(options.config, context.cwd) : undefined;
  const project = options.project ?? plan?.name;
  const driver = new DockerDriver();
  await driver.ping(context.signal);
  const engine = await driver.collectGarbage({
    all: options.all,
    cache: options.cache,
    ...(project ? { project } : {}),
  });
  let verdicts: { entries: number; bytes: number } | undefined;
  let hostBytes = 0;
  if (options.cache) {
    if (plan) {
      const cache = new VerdictCache(
        path.join(path.dirname(plan.configFile), DEFAULT_CACHE_DIR),
        () => undefined,
      );
      verdicts = await cache.prune(days);
    }
    hostBytes = await pruneHostCaches({ ...(project ? { project } : {}), all: options.all });
  }
  const host = await hostCacheUsage();
  const report = {
    ...engine,
    ...(project ? { project } : {}),
    ...(verdicts ? { verdicts } : {}),
    hostCacheFreedBytes: hostBytes,
    hostCaches: host,
  };
  printResult(context, { command: 'gc', ...report }, () => {
    const scope = project ? ` of project ${project}` : '';
    const lines = [
      `removed${scope}: ${engine.containers} containers, ${engine.networks} networks, ${engine.volumes} volumes, ${engine.images} images`,
    ];
    if (engine.liveRuns.length) {
      lines.push(
        `left ${engine.liveRuns.length} live run(s) alone: ${engine.liveRuns.join(', ')} (use --all to remove them too)`,
      );
    }
    if (verdicts)
      lines.push(
        `verdict cache: removed ${verdicts.entries} entries older than ${days} days (${formatBytes(verdicts.bytes)})`,
      );
    if (options.cache) lines.push(`host caches: freed ${formatBytes(hostBytes)}`);
    lines.push('host caches kept:', ...host.map((c) => `  ${c.path}  ${formatBytes(c.bytes)}  ${c.what}`));
    return lines.join('\n');
  });
  return EXIT.pass;
}
