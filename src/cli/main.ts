// The command line: parses arguments, runs one command, and turns its outcome into an exit code.
import { Command, CommanderError, Option } from 'commander';
import type { Progress } from '../report/progress.js';
import type { CommandContext } from './command-context.js';
import type { MatrixOptions } from './commands/matrix.js';
import type { MatrixOutputs } from './commands/matrix-outputs.js';
import type * as SnapshotCommands from './commands/snapshot.js';
import type { SnapshotOptions } from './commands/snapshot.js';
import type { ExportOptions } from './commands/export.js';

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
  // `--json FILE` writes a file and keeps the terminal's report; a bare `--json` makes stdout JSON.
  const jsonAt = argv.indexOf('--json');
  let json = jsonAt >= 0 && (argv[jsonAt + 1] === undefined || argv[jsonAt + 1]!.startsWith('-'));
  const stdout = (text: string): void => void process.stdout.write(`${text}\n`);
  const stderr = (text: string): void => void process.stderr.write(`${text}\n`);
  const action =
    <O>(command: CommandFn<O>) =>
    async (options: O & { json?: boolean | string }) => {
      json = options.json === true;
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
    .command('matrix')
    .argument('[matrix]', 'a matrix in the matrices folder (default: nightly), or a path to a matrix file')
    .description(
      'run a matrix of runtimes by phases, from the verdict cache where nothing changed (exit 0 all pass, 1 any cell fails, 125 only infrastructure trouble)',
    )
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--shard <i/n>', 'run shard i of n (a stable, balanced part of the cells), e.g. 1/3')
    .option('--json [file]', 'write the whole result as JSON to FILE, or print it instead of the table')
    .option('--junit <file>', 'write JUnit XML (one testcase per cell)')
    .option(
      '--markdown <file>',
      'write the table and verdicts as Markdown (also appended to $GITHUB_STEP_SUMMARY)',
    )
    .option('--no-cache', 'run every cell, even those with a stored verdict (results are still stored)')
    .option(
      '--deep',
      "bisect mode: then search each failing runtime's culprit layer for the additions that break it",
    )
    .option(
      '--cache-dir <dir>',
      'where verdicts are kept (default: .stagebisect/cache beside stagebisect.yaml)',
    )
    .action((matrix: string | undefined, options: MatrixOptions) =>
      action(
        lazy(async () => {
          const { matrixCommand } = await import('./commands/matrix.js');
          return (o: typeof options, c: CommandContext) => matrixCommand(matrix, o, c);
        }),
      )(options),
    );

  const report = program.command('report').description('work with results that runs wrote');
  report
    .command('merge')
    .argument('<results...>', 'the JSON results of every shard (`matrix --shard i/n --json FILE`)')
    .description('merge the shards of a matrix into what one unsharded run would have written')
    .option('--json [file]', 'write the merged result as JSON to FILE, or print it instead of the table')
    .option('--junit <file>', 'write JUnit XML (one testcase per cell)')
    .option(
      '--markdown <file>',
      'write the table and verdicts as Markdown (also appended to $GITHUB_STEP_SUMMARY)',
    )
    .action((results: string[], options: MatrixOutputs) =>
      action(
        lazy(async () => {
          const { reportMergeCommand } = await import('./commands/report-merge.js');
          return (o: typeof options, c: CommandContext) => reportMergeCommand(results, o, c);
        }),
      )(options),
    );

  const snapshot = program
    .command('snapshot')
    .description('the working configurations passing cells recorded (.stagebisect/snapshots/)');
  // commander calls an action with the positional arguments, the options, then the command itself.
  const snapshotCommand =
    <A extends unknown[]>(
      load: (
        module: typeof SnapshotCommands,
      ) => (...args: [...A, SnapshotOptions, CommandContext]) => Promise<number>,
    ) =>
    (...args: unknown[]) => {
      const options = args[args.length - 2] as SnapshotOptions;
      const positional = args.slice(0, -2) as A;
      return action(
        lazy(async () => {
          const run = load(await import('./commands/snapshot.js'));
          return (o: SnapshotOptions, c: CommandContext) => run(...positional, o, c);
        }),
      )(options);
    };
  snapshot
    .command('list')
    .description('every snapshot: phase, runtime, when it passed, its key and commit')
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--json', 'print them as JSON')
    .action(snapshotCommand<[]>((m) => m.snapshotListCommand));
  snapshot
    .command('show')
    .argument('<phase>', 'a phase (db), or a phase on a runtime (db@python@3.13)')
    .description('one snapshot: packages as installed, env by source, services, checks, Dockerfile')
    .option(
      '--runtime <runtime>',
      'the runtime, e.g. python@3.13 (default: the only one, or the project runtime)',
    )
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--json', 'print the snapshot as JSON')
    .action(snapshotCommand<[string]>((m) => m.snapshotShowCommand));
  snapshot
    .command('diff')
    .argument('<a>', 'a snapshot: db@python@3.11, or db with --runtime')
    .argument('<b>', 'another: db@python@3.13, or auth')
    .description(
      'what changed between two snapshots: packages, env, services, start command, Dockerfile lines',
    )
    .option('--runtime <runtime>', 'the runtime of a side named without one')
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--json', 'print the diff as JSON')
    .action(snapshotCommand<[string, string]>((m) => m.snapshotDiffCommand));
  snapshot
    .command('restore')
    .argument('<phase>', 'a phase (db), or a phase on a runtime (db@python@3.13)')
    .description('write a build context that rebuilds the snapshot, versions pinned (docker build DIR)')
    .option('--runtime <runtime>', 'the runtime, e.g. python@3.13')
    .option('--to <dir>', 'the directory to write (new or empty)')
    .option('--force', 'write into a directory that is not empty', false)
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--json', 'print what was written as JSON')
    .action(snapshotCommand<[string]>((m) => m.snapshotRestoreCommand));

  program
    .command('docs')
    .description('write deployment_strategy.md from the snapshots and the latest matrix and bisect results')
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--out <file>', 'where to write it (default: deployment_strategy.md beside stagebisect.yaml)')
    .option(
      '--template <file>',
      'an Eta template of your own (default: templates/deployment_strategy.md.eta)',
    )
    .option('--json', 'print what was written as JSON')
    .action(action(lazy(async () => (await import('./commands/docs.js')).docsCommand)));

  program
    .command('export')
    .argument('<host>', `the host: ${['render', 'railway', 'fly', 'procfile'].join(', ')}`)
    .description(
      "write a host's config from a snapshot, pinned to the runtime and versions it proved (render.yaml, railway.json, fly.toml, Procfile)",
    )
    .option('--phase <name>', 'the phase whose snapshot to deploy (default: the last)')
    .option(
      '--runtime <runtime>',
      'the runtime of the snapshot (default: the only one, or the project runtime)',
    )
    .option('--out <dir>', 'where to write (default: beside stagebisect.yaml)')
    .option('--force', 'replace files that exist with other content', false)
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--json', 'print what was written as JSON')
    .action((host: string, options: ExportOptions) =>
      action(
        lazy(async () => {
          const { exportCommand } = await import('./commands/export.js');
          return (o: typeof options, c: CommandContext) => exportCommand(host, o, c);
        }),
      )(options),
    );

  const ci = program.command('ci').description('run matrices in your CI');
  ci.command('init')
    .description(
      'write a GitHub Actions workflow that runs a matrix nightly in shards and publishes one report',
    )
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--matrix <name>', 'the matrix to run', 'nightly')
    .option('--schedule <cron>', 'when, as a cron line in UTC', '0 3 * * *')
    .option('--shards <n>', 'how many jobs share the matrix', '2')
    .option('--out <file>', 'where to write it (default: .github/workflows/stagebisect-MATRIX.yml)')
    .option('--force', 'replace an existing workflow', false)
    .option('--json', 'print what was written as JSON')
    .action(action(lazy(async () => (await import('./commands/ci-init.js')).ciInitCommand)));

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
    .option('--cache', 'also prune the layer cache of app images, old verdicts and host caches', false)
    .option('--project <name>', "limit it to one project's runs and caches")
    .option(
      '--config <file>',
      'limit it to the project of this stagebisect.yaml, and prune its verdict cache too',
    )
    .option('--older-than <days>', 'with --cache: verdicts stored more than this many days ago', '30')
    .option('--json', 'print what was removed as JSON')
    .action(action(lazy(async () => (await import('./commands/gc.js')).gcCommand)));

  program
    .command('validate')
    .description('check the configuration and show the phases, without building anything')
    .option('--config <file>', CONFIG_HELP, 'stagebisect.yaml')
    .option('--json', 'print the resolved plan as JSON')
    .action(action(lazy(async () => (await import('./commands/validate.js')).validateCommand)));

  program
    .command('schema')
    .description('print the JSON Schema of stagebisect.yaml (project), a phase file or a matrix file')
    .argument('[kind]', 'project, phase or matrix', 'project')
    .option('--json', 'the same: the schema is JSON')
    .action(async (kind: string, options: { json?: boolean }) =>
      action(lazy(async () => (await import('./commands/schema.js')).schemaCommand))({ ...options, kind }),
    );

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
