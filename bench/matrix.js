#!/usr/bin/env node
// Benchmarks the runtime matrix on the example (python 3.11, 3.13, 3.14; five phases) on one warm engine.
// Run by hand (`npm run bench:matrix`), never in tests: figures depend on the machine. Writes
// bench/matrix-results.md.
//
//   unchanged rerun : the same matrix again, every cell from the verdict cache        (≤ 5% of the cold run)
//   touched file    : after a change to a file only the llm layer copies, the cells run (only llm cells)
//   concurrency     : a full-mode matrix (every cell) at concurrency 2 vs 1            (≤ 0.7×)
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'bin', 'stagebisect.js');
const RERUNS = 5;
const env = { ...process.env, CI: 'true' };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'stagebisect-bench-matrix-'));
cpSync(path.join(ROOT, 'examples', 'python-fastapi'), dir, {
  recursive: true,
  filter: (source) => !/__pycache__|\.stagebisect/.test(source),
});
const config = path.join(dir, 'stagebisect.yaml');

/** One `stagebisect matrix` process: its wall time and its JSON result. */
function matrix(name, cacheDir, ...extra) {
  const out = path.join(dir, 'result.json');
  const started = performance.now();
  const run = spawnSync(
    'node',
    [CLI, 'matrix', name, '--config', config, '--cache-dir', cacheDir, '--json', out, ...extra],
    {
      env,
      encoding: 'utf8',
    },
  );
  const ms = performance.now() - started;
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`matrix ${name} exited ${run.status}:\n${run.stderr}`);
  return { ms, result: JSON.parse(readFileSync(out, 'utf8')) };
}

const ran = (result) =>
  result.cells
    .filter((c) => !c.cached && (c.status === 'pass' || c.status === 'fail'))
    .map((c) => `${c.phase}@${c.runtime}`);

const started = performance.now();
const engine = execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], {
  encoding: 'utf8',
}).trim();

// A warm-up with a throwaway cache: the layer cache is then warm, so "cold" means no stored verdicts only
// (the conservative comparison: a cold layer cache would make the rerun look even cheaper).
matrix('nightly', path.join(dir, 'warmup-cache'));
const cache = path.join(dir, 'cache');
const cold = matrix('nightly', cache);
const reruns = Array.from({ length: RERUNS }, () => matrix('nightly', cache));
const rerunMs = median(reruns.map((r) => r.ms));
if (reruns.some((r) => ran(r.result).length > 0)) throw new Error('an unchanged rerun ran cells');

appendFileSync(path.join(dir, 'app', 'llm.py'), '\n# touched by the benchmark\n');
const touched = matrix('nightly', cache);

for (const concurrency of [1, 2]) {
  writeFileSync(
    path.join(dir, 'matrices', `full${concurrency}.yaml`),
    `name: full${concurrency}\nruntimes:\n  python: ['3.11', '3.13', '3.14']\nmode: full\nconcurrency: ${concurrency}\n`,
  );
}
// One warm-up of the full matrix, then each concurrency from the same warm layer cache.
matrix('full2', path.join(dir, 'full-cache'), '--no-cache');
const full = [1, 2].map((c) => matrix(`full${c}`, path.join(dir, 'full-cache'), '--no-cache'));
const concurrencyRatio = full[1].ms / full[0].ms;
rmSync(dir, { recursive: true, force: true });

const rerunRatio = rerunMs / cold.ms;
const onlyLlm = ran(touched.result).every((id) => id.startsWith('llm@'));
const lines = [
  `Docker Engine ${engine}, the example's nightly matrix (python 3.11, 3.13, 3.14 × 5 phases, bisect, concurrency 2) on a warm layer cache; ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| measure | figure | target |',
  '|---|---|---|',
  `| cold run (no stored verdicts; ${ran(cold.result).length} cells run) | ${seconds(cold.ms)} | |`,
  `| unchanged rerun (median of ${RERUNS}; every cell cached) | ${seconds(rerunMs)} = ${(rerunRatio * 100).toFixed(1)}% of cold ${rerunRatio <= 0.05 ? '✔' : '✖'} | ≤ 5% |`,
  `| after touching app/llm.py (only the llm layer copies it) | ${seconds(touched.ms)}; cells run: ${ran(touched.result).join(', ')} ${onlyLlm ? '✔' : '✖'} | only llm cells |`,
  `| full mode, 15 cells, concurrency 1 | ${seconds(full[0].ms)} | |`,
  `| full mode, 15 cells, concurrency 2 | ${seconds(full[1].ms)} = ${concurrencyRatio.toFixed(2)}× ${concurrencyRatio <= 0.7 ? '✔' : '✖'} | ≤ 0.70× |`,
  '',
];
const table = lines.join('\n');
writeFileSync(path.join(ROOT, 'bench', 'matrix-results.md'), `# Matrix benchmark results\n\n${table}`);
process.stdout.write(`${table}\nbench took ${seconds(performance.now() - started)}\n`);
