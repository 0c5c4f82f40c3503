// `stagebisect gc`: removes what crashed runs left on the engine (by label); live runs are left alone.
import { DockerDriver } from '../../drivers/docker/docker-driver.js';
import { printResult, type CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';

export async function gcCommand(
  options: { all: boolean; cache: boolean },
  context: CommandContext,
): Promise<number> {
  const driver = new DockerDriver();
  await driver.ping(context.signal);
  const report = await driver.collectGarbage(options);
  printResult(context, { command: 'gc', ...report }, () => {
    const removed = `removed ${report.containers} containers, ${report.networks} networks, ${report.volumes} volumes, ${report.images} images`;
    const live = report.liveRuns.length
      ? `\nleft ${report.liveRuns.length} live run(s) alone: ${report.liveRuns.join(', ')} (use --all to remove them too)`
      : '';
    return removed + live;
  });
  return EXIT.pass;
}
