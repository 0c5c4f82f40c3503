#!/usr/bin/env node
// Benchmarks stagebisect against the raw docker commands a person would type, on one warm engine.
// Run by hand (`npm run bench`), never in tests: figures depend on the machine. Prints a Markdown table
// and writes it to bench/results.md. Each stagebisect figure is given twice: the whole process (Node's
// start-up and module loading included) and the cell alone, which is what every further cell costs.
//
//   phase run : `stagebisect run` of a one-check phase vs docker build + run + poll /health + rm   (≤ 1.10×)
//   crash     : `stagebisect run` of an app that crashes at import vs docker build + run to its exit (≤ 1.10×)
//   bisect    : probes used on every planted fixture vs ⌈log2 N⌉ + 1
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'bin', 'stagebisect.js');
const ITERATIONS = Number(process.argv[process.argv.indexOf('--iterations') + 1]) || 7;
const env = { ...process.env, CI: 'true', DOCKER_BUILDKIT: '0' };

const docker = (...args) =>
  execFileSync('docker', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

function timed(work) {
  const started = performance.now();
  const result = work();
  return { ms: performance.now() - started, result };
}

function cli(args) {
  const run = spawnSync('node', [CLI, ...args], { env, encoding: 'utf8' });
  return { status: run.status, json: args.includes('--json') ? JSON.parse(run.stdout) : undefined };
}

/** Polls GET /health every 20 ms until it answers 200, as a person's `until curl` loop would. */
function pollHealth(ip) {
  const script = `
    const http = require('node:http');
    const tryOnce = () => http.get({ host: '${ip}', port: 8000, path: '/health' }, (r) => {
      r.resume(); if (r.statusCode === 200) process.exit(0); setTimeout(tryOnce, 20);
    }).on('error', () => setTimeout(tryOnce, 20));
    tryOnce();`;
  execFileSync('node', ['-e', script], { timeout: 60_000 });
}

function rawPhase(dir, tag) {
  docker('build', '-q', '-t', tag, '-f', path.join(dir, 'Dockerfile.raw'), dir);
  const id = docker('run', '-d', tag);
  const ip = docker('inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', id);
  pollHealth(ip);
  docker('rm', '-f', id);
}

function rawCrash(dir, tag) {
  docker('build', '-q', '-t', tag, '-f', path.join(dir, 'Dockerfile.raw'), dir);
  // `docker run` without -d returns when the container exits: the raw time to exit.
  spawnSync('docker', ['run', '--rm', tag], { env, stdio: 'ignore' });
}

/**
 * Medians of raw vs ours, end to end (one `stagebisect` process each) and per cell (the verdict's own
 * total: what each further cell of a bisect or matrix costs once the process is up).
 */
function compare(name, target, raw, ours) {
  // One warm-up each, so both start from a warm layer cache.
  raw();
  ours();
  const rawMs = [];
  const oursMs = [];
  const cellMs = [];
  for (let i = 0; i < ITERATIONS; i++) {
    rawMs.push(timed(raw).ms);
    const run = timed(ours);
    oursMs.push(run.ms);
    cellMs.push(run.result);
  }
  const ratio = median(oursMs) / median(rawMs);
  const cellRatio = median(cellMs) / median(rawMs);
  return { name, raw: median(rawMs), ours: median(oursMs), cell: median(cellMs), ratio, cellRatio, target };
}

function phaseBench() {
  const dir = path.join(ROOT, 'bench', 'fixtures', 'health');
  return compare(
    'phase run (one http check)',
    1.1,
    () => rawPhase(dir, 'stagebisect-bench/health:raw'),
    () => {
      const run = cli(['run', '--config', path.join(dir, 'stagebisect.yaml'), '--json']);
      if (run.status !== 0) throw new Error('the health bench phase did not pass');
      return run.json.verdict.timings.totalMs;
    },
  );
}

function crashBench() {
  const dir = path.join(ROOT, 'bench', 'fixtures', 'crash');
  return compare(
    'crash reported (import-time crash)',
    1.1,
    () => rawCrash(dir, 'stagebisect-bench/crash:raw'),
    () => {
      const run = cli(['run', '--config', path.join(dir, 'stagebisect.yaml'), '--json']);
      if (run.status !== 1) throw new Error('the crash bench phase did not fail');
      return run.json.verdict.timings.totalMs;
    },
  );
}

/** A fixture with an `extends` file is laid over the fixture it names, as the tests do. */
function materialize(name) {
  const source = path.join(ROOT, 'test', 'fixtures', name);
  const dir = mkdtempSync(path.join(os.tmpdir(), `stagebisect-bench-${name}-`));
  const base = path.join(source, 'extends');
  if (existsSync(base))
    cpSync(path.resolve(source, readFileSync(base, 'utf8').trim()), dir, { recursive: true });
  cpSync(source, dir, { recursive: true });
  return dir;
}

function bisectBench() {
  const fixtures = readdirSync(path.join(ROOT, 'test', 'fixtures')).filter(
    (d) => d.startsWith('diag-') && d !== 'diag-base',
  );
  return fixtures.map((name) => {
    const dir = materialize(name);
    const report = cli(['bisect', '--config', path.join(dir, 'stagebisect.yaml'), '--json']).json;
    rmSync(dir, { recursive: true, force: true });
    const bound = Math.ceil(Math.log2(report.phases.length)) + 1;
    return {
      name,
      phases: report.phases.length,
      culprit: report.culprit?.phase ?? 'none',
      probes: report.probes,
      bound,
      seconds: report.durationMs / 1000,
    };
  });
}

const started = performance.now();
const engine = docker('version', '--format', '{{.Server.Version}}');
const timings = [phaseBench(), crashBench()];
const bisects = bisectBench();
for (const tag of ['stagebisect-bench/health:raw', 'stagebisect-bench/crash:raw'])
  spawnSync('docker', ['rmi', tag], { stdio: 'ignore' });

const lines = [
  `Docker Engine ${engine}, ${ITERATIONS} runs each after one warm-up, medians; ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| measure | raw docker | stagebisect process | ratio | per cell in a run | ratio | target |',
  '|---|---|---|---|---|---|---|',
  ...timings.map((t) => {
    const mark = (ratio) => `${ratio.toFixed(2)}× ${ratio <= t.target ? '✔' : '✖'}`;
    return `| ${t.name} | ${seconds(t.raw)} | ${seconds(t.ours)} | ${mark(t.ratio)} | ${seconds(t.cell)} | ${mark(t.cellRatio)} | ≤ ${t.target.toFixed(2)}× |`;
  }),
  '',
  '| bisect fixture | phases | culprit | probes | ⌈log2 N⌉+1 | time |',
  '|---|---|---|---|---|---|',
  ...bisects.map(
    (b) =>
      `| ${b.name} | ${b.phases} | ${b.culprit} | ${b.probes} | ${b.bound} ${b.probes <= b.bound ? '✔' : '✖'} | ${b.seconds.toFixed(1)} s |`,
  ),
  '',
];
const table = lines.join('\n');
writeFileSync(path.join(ROOT, 'bench', 'results.md'), `# Benchmark results\n\n${table}`);
process.stdout.write(`${table}\nbench took ${seconds(performance.now() - started)}\n`);
