// The command line: parses arguments, runs one command, and turns its outcome into an exit code.
import { Command, CommanderError, Option } from 'commander';
import type { Progress } from '../report/progress.js';
import type { CommandContext } from './command-context.js';
import { EXIT } from './exit-codes.js';
import { handleError } from './handle-error.js';
import { abortOnSignals } from './interrupt.js';
import { VERSION } from '../version.js';

/** listr2 only where a person watches a terminal; CI logs and pipes get plain lines. */
async function chooseProgress(json: boolean): Promise<Progress> {
  const interactive = Boolean(process.stdout.isTTY) && !process.env.CI && !json;
  if (interactive) return new (await import('../report/listr-progress.js')).ListrProgress();
  return new (await import('../report/plain-progress.js')).PlainProgress();
}

type CommandFn<O> = (options: O, context: CommandContext) => Promise<number>;

/**
 * Commands are loaded when they run, not at start-up: `--help` and `validate` never load the engine
 * client, and each command loads only what it uses.
 */
const lazy =
  <O>(load: () => Promise<CommandFn<O>>): CommandFn<O> =>
  async (options, context) =>
    (await load())(options, context);

const CONFIG_HELP = 'the project file (default: ./stagebisect.yaml)';

export async function main(argv: readonly string[]): Promise<number> {
  const interrupt = abortOnSignals();
  let exitCode: number = EXIT.pass;
  let json = argv.includes('--json');
  const stdout = (text: string): void => void process.stdout.write(`${text}\n`);
  const stderr = (text: string): void => void process.stderr.write(`${text}\n`);
  const action =
    <O>(command: CommandFn<O>) =>
    async (options: O & { json?: boolean }) => {
      json = Boolean(options.json);
      const context: CommandContext = {
        signal: interrupt.signal,
        json,
        cwd: process.cwd(),
        env: process.env,
        progress: await chooseProgress(json),
        stdout,
        stderr,
      };
      exitCode = await command(options, context);
    };

  const program = new Command('stagebisect')
    .description(
      'Build your service one layer at a time in clean containers, find the first layer that breaks, and say why.',
    )
    .version(VERSION)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('run')
    .description(
      'build and check one phase on one runtime (exit 0 pass, 1 fail, 2 usage, 125 infrastructure)',
    )
    .option('--phase <name>', 'the phase to run (default: the last)')
    .option('--runtime <runtime>', 'e.g. python@3.13 (default: the project runtime)')
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--json', 'print the verdict as JSON')
    .action(action(lazy(async () => (await import('./commands/run.js')).runCommand)));

  program
    .command('bisect')
    .description(
      'find the first failing phase and diagnose it (exit 0 all pass, 1 culprit found, 125 untestable)',
    )
    .option('--runtime <runtime>', 'e.g. python@3.13 (default: the project runtime)')
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--deep', "then search the culprit layer's additions for the ones that break it (ddmin)")
    .option('--json', 'print the report as JSON')
    .action(action(lazy(async () => (await import('./commands/bisect.js')).bisectCommand)));

  program
    .command('demo')
    .description(
      'bisect the bundled FastAPI example with a planted defect (sets up the engine and images it needs)',
    )
    .option('--keep <dir>', 'copy the example here and keep it to look at')
    .option('--deep', 'then find which additions of the culprit layer break it')
    .option('--json', 'print the report as JSON')
    .action(action(lazy(async () => (await import('./commands/demo.js')).demoCommand)));

  program
    .command('gc')
    .description('remove containers, networks and images that crashed runs left behind')
    .option('--all', 'also remove resources of runs that are still alive', false)
    .option('--cache', 'also prune the layer cache of app images', false)
    .option('--json', 'print what was removed as JSON')
    .action(action(lazy(async () => (await import('./commands/gc.js')).gcCommand)));

  program
    .command('validate')
    .description('check the configuration and show the phases, without building anything')
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--json', 'print the resolved plan as JSON')
    .action(action(lazy(async () => (await import('./commands/validate.js')).validateCommand)));

  const images = program
    .command('images')
    .description('runtime and service images for `images: local` (no registry needed)');
  images
    .command('build')
    .description('build Debian-based images for the runtimes and services a run needs')
    .option('--python <versions>', 'comma-separated Python versions, e.g. 3.11,3.13')
    .option('--node <majors>', 'comma-separated Node majors, e.g. 22')
    .addOption(new Option('--services <names>', 'comma-separated services').default('postgres,redis,llm'))
    .option('--json', 'print what was built as JSON')
    .action(action(lazy(async () => (await import('./commands/images.js')).imagesBuildCommand)));

  const engine = program
    .command('engine')
    .description('the Docker engine stagebisect talks to (DOCKER_HOST)');
  engine
    .command('start')
    .description(
      'start a local engine if none answers (installs Debian’s docker.io when missing; needs root)',
    )
    .option('--json', 'print the outcome as JSON')
    .action(action(lazy(async () => (await import('./commands/engine.js')).engineStartCommand)));

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.pass : EXIT.usage;
    }
    return handleError(error, { json, stdout, stderr });
  } finally {
    interrupt.dispose();
  }
}
