// `stagebisect matrix` on the real engine, as a nightly CI job runs it: the example's matrix over python
// 3.11, 3.13 and 3.14 with a real failure (bookworm has no python3-openai), then the same matrix again
// served from the verdict cache, a touched file rerunning only the cells that copy it, shards merged
// into the unsharded result, and the workflow `ci init` writes.
import { appendFile, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parse as parseJunit } from 'junit2json';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli, transcript, type CliRun } from '../support/cli.js';
import { RunLedger } from '../support/engine-leftovers.js';
import { configOf, copyExample, removeTempProjects } from '../support/temp-project.js';

interface Cell {
  readonly runtime: string;
  readonly phase: string;
  readonly status: string;
  readonly cached: boolean;
}

const grid = (json: { cells: Cell[] }): Record<string, string> =>
  Object.fromEntries(json.cells.map((c) => [`${c.phase}@${c.runtime}`, c.status]));
const ran = (json: { cells: Cell[] }): string[] =>
  json.cells
    .filter((c) => !c.cached && (c.status === 'pass' || c.status === 'fail'))
    .map((c) => `${c.phase}@${c.runtime}`);

describe.runIf(inject('docker'))('stagebisect matrix', () => {
  const ledger = new RunLedger();
  let dir: string;
  let cold: CliRun;
  let summaryFile: string;

  const matrix = async (...extra: string[]): Promise<CliRun> =>
    ledger.record(
      await runCli(['matrix', 'nightly', '--config', configOf(dir), ...extra], {
        env: { GITHUB_STEP_SUMMARY: summaryFile },
      }),
    );

  beforeAll(async () => {
    dir = await copyExample();
    summaryFile = path.join(dir, 'step-summary.md');
    cold = await matrix(
      '--json',
      path.join(dir, 'cold.json'),
      '--junit',
      path.join(dir, 'out.xml'),
      '--markdown',
      path.join(dir, 'out.md'),
    );
  }, 600_000);

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  it('prints the table and, per runtime, the first failing layer with its cause and the line that reproduces it (exit 1)', async () => {
    expect(cold.exitCode, transcript(cold)).toBe(1);
    expect(cold.stdout).toMatch(
      /matrix nightly of ultra-backend \(bisect\): 3 runtimes × 5 phases · run \S+/,
    );
    expect(cold.stdout).toMatch(/\n {2}python@3\.11 +\(✔\) +\(✔\) +✔ +✔ +✖\n/);
    expect(cold.stdout).toContain('✖ python@3.11: first failing layer llm (5 of 5, ');
    expect(cold.stdout).toContain('    diagnosis: package-unavailable (python3-openai)');
    expect(cold.stdout).toContain(
      `    reproduce: npx stagebisect run --config ${configOf(dir)} --runtime python@3.11 --phase llm`,
    );
    expect(cold.stdout).toContain('✔ python@3.13: every phase passes');
    expect(cold.stdout).toContain('✔ python@3.14: every phase passes');
    const json = JSON.parse(await readFile(path.join(dir, 'cold.json'), 'utf8'));
    expect(json).toMatchObject({
      schemaVersion: 1,
      project: 'ultra-backend',
      matrix: 'nightly',
      mode: 'bisect',
    });
    expect(json.runtimes).toEqual(['python@3.11', 'python@3.13', 'python@3.14']);
    expect(grid(json)).toMatchObject({
      'llm@python@3.11': 'fail',
      'llm@python@3.13': 'pass',
      'llm@python@3.14': 'pass',
    });
    expect(json.summaries.map((s: { runtime: string; status: string }) => [s.runtime, s.status])).toEqual([
      ['python@3.11', 'fail'],
      ['python@3.13', 'pass'],
      ['python@3.14', 'pass'],
    ]);
  });

  it('writes JUnit a JUnit parser reads, one testcase per cell, and Markdown also appended to the step summary', async () => {
    const xml = await readFile(path.join(dir, 'out.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const junit = (await parseJunit(xml)) as {
      tests: number;
      failures: number;
      testsuite: {
        name: string;
        testcase: { classname: string; name: string; failure?: { type: string }[] }[];
      }[];
    };
    expect(junit.tests).toBe(15);
    expect(junit.failures).toBe(1);
    expect(junit.testsuite.map((s) => s.name)).toEqual(['python@3.11', 'python@3.13', 'python@3.14']);
    const llm = junit.testsuite[0]!.testcase.find((t) => t.name === '05 llm')!;
    expect(llm.classname).toBe('python@3.11');
    expect(llm.failure?.[0]?.type).toBe('package-unavailable');
    const markdown = await readFile(path.join(dir, 'out.md'), 'utf8');
    expect(markdown).toContain('| runtime | health | db | redis | auth | llm |');
    expect(markdown).toContain('❌ **python@3.11**: first failing layer **llm**');
    expect(await readFile(summaryFile, 'utf8')).toContain(markdown);
  });

  it(
    'serves every judged cell of an unchanged rerun from the cache, with the same table',
    { timeout: 120_000 },
    async () => {
      const again = await matrix('--json', path.join(dir, 'warm.json'));
      expect(again.exitCode, transcript(again)).toBe(1);
      const [first, second] = [
        JSON.parse(await readFile(path.join(dir, 'cold.json'), 'utf8')),
        JSON.parse(await readFile(path.join(dir, 'warm.json'), 'utf8')),
      ];
      expect(grid(second)).toEqual(grid(first));
      expect(ran(second)).toEqual([]);
      const judged = second.cells.filter((c: Cell) => c.status === 'pass' || c.status === 'fail');
      expect(judged.length).toBeGreaterThan(0);
      expect(judged.every((c: Cell) => c.cached)).toBe(true);
      expect(again.stdout).toContain(`0 cells run, ${judged.length} cached`);
      expect(second.runIds).not.toEqual(first.runIds);
    },
  );

  it(
    'reruns only the llm cells after a change to a file only the llm layer copies',
    { timeout: 300_000 },
    async () => {
      await appendFile(path.join(dir, 'app/llm.py'), '\n# touched by the test\n');
      const touched = await matrix('--json', path.join(dir, 'touched.json'));
      expect(touched.exitCode, transcript(touched)).toBe(1);
      const json = JSON.parse(await readFile(path.join(dir, 'touched.json'), 'utf8'));
      expect(ran(json).sort()).toEqual(['llm@python@3.11', 'llm@python@3.13', 'llm@python@3.14']);
    },
  );

  it('merges two shards into what the unsharded run writes', { timeout: 300_000 }, async () => {
    const whole = await matrix(
      '--json',
      path.join(dir, 'whole.json'),
      '--junit',
      path.join(dir, 'whole.xml'),
    );
    const shards = [
      await matrix('--shard', '1/2', '--json', path.join(dir, 's1.json')),
      await matrix('--shard', '2/2', '--json', path.join(dir, 's2.json')),
    ];
    for (const shard of shards) expect([0, 1]).toContain(shard.exitCode);
    const merged = ledger.record(
      await runCli([
        'report',
        'merge',
        path.join(dir, 's2.json'),
        path.join(dir, 's1.json'),
        '--json',
        path.join(dir, 'merged.json'),
        '--junit',
        path.join(dir, 'merged.xml'),
      ]),
    );
    expect(merged.exitCode, transcript(merged)).toBe(whole.exitCode);
    const [a, b] = [
      JSON.parse(await readFile(path.join(dir, 'whole.json'), 'utf8')),
      JSON.parse(await readFile(path.join(dir, 'merged.json'), 'utf8')),
    ];
    const comparable = (r: { cells: (Cell & { verdict?: { runId: string } })[]; summaries: unknown[] }) => ({
      cells: r.cells.map((c) => [c.runtime, c.phase, c.status]),
      summaries: r.summaries.map((s) => ({ ...(s as object), probes: 0 })),
    });
    expect(comparable(b)).toEqual(comparable(a));
    expect(merged.stdout).toContain('matrix nightly of ultra-backend (bisect)');
  });

  it('refuses a range no image serves, at its position, naming what is available (exit 2)', async () => {
    const bad = path.join(dir, 'matrices', 'future.yaml');
    await appendFile(bad, "name: future\nruntimes:\n  python: ['>=3.20']\n");
    const run = await runCli(['matrix', 'future', '--config', configOf(dir)]);
    expect(run.exitCode, transcript(run)).toBe(2);
    expect(run.stderr).toContain(
      'matrices/future.yaml:3:12: no python version that images: local can serve matches ">=3.20"; available: 3.9, 3.11, 3.13, 3.14',
    );
  });

  it('writes a GitHub Actions workflow that parses as YAML with the job matrix it promises', async () => {
    const run = await runCli(
      ['ci', 'init', '--config', configOf(dir), '--shards', '3', '--schedule', '30 2 * * 1-5'],
      { cwd: dir },
    );
    expect(run.exitCode, transcript(run)).toBe(0);
    const files = await readdir(path.join(dir, '.github', 'workflows'));
    expect(files).toEqual(['stagebisect-nightly.yml']);
    const workflow = parseYaml(await readFile(path.join(dir, '.github', 'workflows', files[0]!), 'utf8'));
    expect(workflow.on.schedule).toEqual([{ cron: '30 2 * * 1-5' }]);
    expect(workflow.jobs.matrix.strategy.matrix.shard).toEqual([1, 2, 3]);
    expect(workflow.jobs.report.needs).toBe('matrix');
  });
});
