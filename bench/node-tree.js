#!/usr/bin/env node
// Benchmarks a warm cell of a real Node service, whose node_modules is large: the dependency tree sent to
// the engine once, as its own image that phase images COPY --from, against a baseline stagebisect that
// streamed the tree as build context with every cell. Run by hand, never in tests (figures depend on the
// machine and its load):
//
//   npm run bench:node -- [--baseline OLD/bin/stagebisect.js] [--phase NAME] [--runs N] [PROJECT_DIR ...]
//
// Default project: test/fixtures/node-knex-sqlite. Each project is copied to a temporary directory; each
// CLI runs the phase once to warm the engine's layer cache and the host's tree cache, then N more times;
// the medians of the cell's own total, of its build step, and of the process's wall time are reported.
// Writes bench/node-results.md.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    baseline: { type: 'string' },
    phase: { type: 'string', default: 'health' },
    runs: { type: 'string', default: '5' },
  },
});
const RUNS = Number(values.runs);
const projects = positionals.length
  ? positionals.map((p) => path.resolve(p))
  : [path.join(ROOT, 'test', 'fixtures', 'node-knex-sqlite')];
const clis = [
  { name: 'this tree (tree image, COPY --from)', bin: path.join(ROOT, 'bin', 'stagebisect.js') },
  ...(values.baseline
    ? [{ name: 'baseline (tree as build context)', bin: path.resolve(values.baseline) }]
    : []),
];
const env = { ...process.env, CI: 'true' };
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function sizeOf(target) {
  const info = statSync(target, { throwIfNoEntry: false });
  if (!info || info.isSymbolicLink()) return 0;
  if (!info.isDirectory()) return info.size;
  return readdirSync(target).reduce((total, child) => total + sizeOf(path.join(target, child)), 0);
}

/** The size of the cell's node_modules, from the tree cache the current CLI named in its progress. */
function treeSize(stderr) {
  const hash = /dependency tree ([0-9a-f]{12})/.exec(stderr)?.[1];
  if (!hash) return undefined;
  const root = path.join(
    process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
    'stagebisect',
    'node-trees',
  );
  const dir = readdirSync(root).find((name) => name.startsWith(hash));
  return dir ? sizeOf(path.join(root, dir, 'node_modules')) : undefined;
}

/** One `stagebisect run` of the phase: its verdict and the process's wall time. */
function runCell(bin, dir) {
  const started = performance.now();
  const run = spawnSync(
    'node',
    [bin, 'run', '--config', path.join(dir, 'stagebisect.yaml'), '--phase', values.phase, '--json'],
    {
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const wallMs = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${bin} exited ${run.status}:\n${run.stderr}`);
  return { wallMs, verdict: JSON.parse(run.stdout).verdict, stderr: run.stderr };
}

const rows = [];
for (const project of projects) {
  // The tree is the same whichever CLI installs it: its size is read once, from this tree's cache.
  let bytes;
  for (const cli of clis) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stagebisect-bench-node-'));
    cpSync(project, dir, {
      recursive: true,
      filter: (source) => !/node_modules|\.stagebisect|\.git$/.test(source),
    });
    const warmup = runCell(cli.bin, dir);
    const runs = Array.from({ length: RUNS }, () => runCell(cli.bin, dir));
    rmSync(dir, { recursive: true, force: true });
    bytes ??= treeSize(warmup.stderr);
    rows.push({
      project: path.basename(project),
      cli: cli.name,
      status: runs.map((r) => r.verdict.status).join(','),
      nodeModules: bytes === undefined ? '' : `${Math.round(bytes / 1e6)} MB`,
      cold: seconds(warmup.verdict.timings.totalMs),
      total: seconds(median(runs.map((r) => r.verdict.timings.totalMs))),
      build: seconds(median(runs.map((r) => r.verdict.timings.buildMs))),
      wall: seconds(median(runs.map((r) => r.wallMs))),
    });
    console.error(
      `${rows.at(-1).project} · ${cli.name}: warm cell ${rows.at(-1).total} (build ${rows.at(-1).build})`,
    );
  }
}

const load = os.loadavg()[0].toFixed(1);
const lines = [
  '# Node warm cell: the tree sent once vs. streamed with every cell',
  '',
  `\`npm run bench:node\` (bench/node-tree.js), phase \`${values.phase}\`, ${RUNS} warm runs after one warm-up each, medians;`,
  `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, load average ${load} at the end.`,
  '',
  '| project | node_modules | stagebisect | first run | warm cell | of which build | process | verdicts |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.project} | ${r.nodeModules} | ${r.cli} | ${r.cold} | ${r.total} | ${r.build} | ${r.wall} | ${r.status} |`,
  ),
  '',
];
writeFileSync(path.join(ROOT, 'bench', 'node-results.md'), lines.join('\n'));
console.log(lines.join('\n'));
