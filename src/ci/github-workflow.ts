// The GitHub Actions workflow `stagebisect ci init` writes: the matrix's shards as a job matrix, each
// restoring and saving its own verdict cache, then one job that merges the shards and publishes the
// summary. Pure: returns the file's text.
import type { ImageMode } from '../model.js';

export interface WorkflowOptions {
  readonly matrix: string;
  /** The project file, relative to the repository root. */
  readonly config: string;
  /** The verdict cache folder, relative to the repository root. */
  readonly cacheDir: string;
  readonly schedule: string;
  readonly shards: number;
  readonly images: ImageMode;
  readonly nodeVersion: string;
}

/** A YAML double-quoted scalar. */
const quoted = (text: string): string => JSON.stringify(text);

export function githubWorkflow(options: WorkflowOptions): string {
  const { shards } = options;
  const configFlag = options.config === 'stagebisect.yaml' ? '' : ` --config ${options.config}`;
  const cacheFlag = ` --cache-dir ${options.cacheDir}`;
  // Local mode builds base images with debootstrap, which needs root and the tool itself.
  const local = options.images === 'local';
  const run = local ? 'sudo --preserve-env env "PATH=$PATH" npx stagebisect' : 'npx stagebisect';
  const shardList = Array.from({ length: shards }, (_, i) => i + 1).join(', ');
  const setup = [
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    `          node-version: ${quoted(options.nodeVersion)}`,
    "          cache: 'npm'",
    '      - run: npm ci',
  ];
  return [
    `# Written by \`stagebisect ci init\`: the ${options.matrix} matrix every night, in ${shards} shard${shards === 1 ? '' : 's'}.`,
    '# Each shard keeps its own verdict cache, so an unchanged night costs seconds; the report job merges',
    '# the shards into one table, JUnit file and step summary.',
    `name: stagebisect ${options.matrix}`,
    'on:',
    '  schedule:',
    `    - cron: ${quoted(options.schedule)}`,
    '  workflow_dispatch: {}',
    'jobs:',
    '  matrix:',
    `    name: stagebisect ${options.matrix} shard \${{ matrix.shard }}/${shards}`,
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 60',
    '    strategy:',
    '      fail-fast: false',
    '      matrix:',
    `        shard: [${shardList}]`,
    '    steps:',
    ...setup,
    ...(local
      ? [
          '      - name: debootstrap for local images',
          '        run: sudo apt-get update -q && sudo apt-get install -y -q debootstrap',
        ]
      : []),
    '      - name: restore the verdict cache',
    '        uses: actions/cache/restore@v4',
    '        with:',
    `          path: ${options.cacheDir}`,
    `          key: stagebisect-${options.matrix}-\${{ matrix.shard }}-of-${shards}-\${{ github.run_id }}`,
    `          restore-keys: stagebisect-${options.matrix}-\${{ matrix.shard }}-of-${shards}-`,
    '      - name: run the shard',
    `        run: ${run} matrix ${options.matrix}${configFlag}${cacheFlag} --shard \${{ matrix.shard }}/${shards} --json stagebisect-shard-\${{ matrix.shard }}.json`,
    '      - name: save the verdict cache',
    '        if: always()',
    '        uses: actions/cache/save@v4',
    '        with:',
    `          path: ${options.cacheDir}`,
    `          key: stagebisect-${options.matrix}-\${{ matrix.shard }}-of-${shards}-\${{ github.run_id }}`,
    '      - name: upload the shard result',
    '        if: always()',
    '        uses: actions/upload-artifact@v4',
    '        with:',
    '          name: stagebisect-shard-${{ matrix.shard }}',
    '          path: stagebisect-shard-${{ matrix.shard }}.json',
    '  report:',
    `    name: stagebisect ${options.matrix} report`,
    '    needs: matrix',
    '    if: always()',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...setup,
    '      - uses: actions/download-artifact@v4',
    '        with:',
    '          pattern: stagebisect-shard-*',
    '          merge-multiple: true',
    '      - name: merge the shards and publish the summary',
    '        run: npx stagebisect report merge stagebisect-shard-*.json --json stagebisect.json --junit stagebisect.xml --markdown stagebisect.md',
    '      - name: upload the report',
    '        if: always()',
    '        uses: actions/upload-artifact@v4',
    '        with:',
    '          name: stagebisect-report',
    '          path: |',
    '            stagebisect.json',
    '            stagebisect.xml',
    '            stagebisect.md',
    '',
  ].join('\n');
}
