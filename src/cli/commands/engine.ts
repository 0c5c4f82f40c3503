// `stagebisect engine start`: make sure a Docker engine answers, installing and starting one if need be.
import { DockerDriver } from '../../drivers/docker/docker-driver.js';
import { provisionEngine } from '../../drivers/docker/provision-engine.js';
import { printResult, type CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';

export async function engineStartCommand(_options: object, context: CommandContext): Promise<number> {
  const driver = new DockerDriver();
  const result = await context.progress.task('Docker engine', (output) =>
    provisionEngine(driver, output, context.signal),
  );
  const info = await driver.ping(context.signal);
  printResult(context, { command: 'engine start', ...result, engine: info }, () =>
    result.action === 'none'
      ? `engine already running: ${info.name} ${info.version}`
      : `engine ${result.action}: ${info.name} ${info.version}`,
  );
  return EXIT.pass;
}
