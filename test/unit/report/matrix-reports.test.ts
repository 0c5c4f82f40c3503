// The matrix reports from one fixed result: the terminal table, JUnit XML a maintained parser reads back
// cell for cell, Markdown with its table, and a merge of shards equal to the unsharded result.
import { XMLValidator } from 'fast-xml-parser';
import { parse } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { mergeResults } from '../../../src/matrix/merge-results.js';
import { summarize } from '../../../src/matrix/summarize.js';
import type { MatrixCell, MatrixResult, Verdict } from '../../../src/model.js';
import { renderJunit } from '../../../src/report/junit.js';
import { renderMatrixMarkdown } from '../../../src/report/matrix-markdown.js';
import { renderMatrix } from '../../../src/report/matrix-report.js';

const PHASES = ['health', 'db', 'redis', 'auth', 'llm'].map((name, i) => ({
  index: i + 1,
  name,
  file: `phases/${(i + 1) * 10}-${name}.yaml`,
}));

const failed: Verdict = {
  phase: 'llm',
  phaseIndex: 5,
  runtime: 'python@3.11',
  status: 'fail',
  key: 'f'.repeat(64),
  runId: 'run1',
  startedAt: '2026-12-04T03:00:00.000Z',
  timings: { imageMs: 10, buildMs: 900, servicesMs: 0, startMs: 0, checksMs: 0, totalMs: 910 },
  checks: [],
  failure: {
    stage: 'build',
    message: 'the image did not build: apt-get exited 100 <&> \u001b[31mred\u001b[0m',
  },
  build: { outputTail: ['E: Unable to locate package python3-openai'] },
  diagnosis: {
    class: 'package-unavailable',
    subject: 'python3-openai',
    summary: 'python3-openai is not available for python@3.11: apt found no such package.',
    remedy: 'Install it with pip instead (`pip: [openai]`).',
    evidence: ['E: Unable to locate package python3-openai'],
  },
  warnings: [],
};

function cell(
  runtime: string,
  index: number,
  status: MatrixCell['status'],
  extra: Partial<MatrixCell> = {},
): MatrixCell {
  return { runtime, phase: PHASES[index - 1]!.name, phaseIndex: index, status, cached: false, ...extra };
}

const CELLS: MatrixCell[] = [
  cell('python@3.11', 1, 'inferred-pass', { reason: 'a later phase (auth) passed' }),
  cell('python@3.11', 2, 'inferred-pass', { reason: 'a later phase (auth) passed' }),
  cell('python@3.11', 3, 'pass', {
    cached: true,
    verdict: { ...failed, phase: 'redis', phaseIndex: 3, status: 'pass' },
  }),
  cell('python@3.11', 4, 'pass', { verdict: { ...failed, phase: 'auth', phaseIndex: 4, status: 'pass' } }),
  cell('python@3.11', 5, 'fail', { verdict: failed }),
  cell('python@3.12', 1, 'untested', { reason: 'images: local cannot serve python@3.12' }),
  cell('python@3.13', 1, 'pass', { verdict: { ...failed, status: 'pass', phase: 'health', phaseIndex: 1 } }),
  cell('python@3.13', 5, 'excluded', { reason: 'excluded by the matrix' }),
];

function result(
  cells: MatrixCell[],
  shards: string[] = [],
  runtimes = ['python@3.11', 'python@3.12', 'python@3.13'],
): MatrixResult {
  return {
    schemaVersion: 1,
    project: 'shop',
    matrix: 'nightly',
    config: 'stagebisect.yaml',
    mode: 'bisect',
    runIds: ['run1'],
    startedAt: '2026-12-04T03:00:00.000Z',
    durationMs: 12_300,
    shards,
    shardCount: shards.length ? 2 : 1,
    runtimes,
    phases: PHASES,
    cells,
    summaries: summarize(runtimes, cells, PHASES, 'stagebisect.yaml', { 'python@3.11': 2, 'python@3.13': 1 }),
  };
}

describe('renderMatrix', () => {
  it('draws runtimes by phases, and per runtime where it stops, why, and how to reproduce it', () => {
    const text = renderMatrix(result(CELLS));
    expect(text).toContain('  python@3.11  (✔)     (✔)   ✔*     ✔     ✖');
    expect(text).toContain('  python@3.12  ?');
    expect(text).toMatch(/\n {2}python@3\.13 {2}✔ {20,}–\n/);
    expect(text).toContain(
      '✖ python@3.11: first failing layer llm (5 of 5, phases/50-llm.yaml); last good: auth',
    );
    expect(text).toContain(
      '    diagnosis: package-unavailable (python3-openai): python3-openai is not available',
    );
    expect(text).toContain('    reproduce: npx stagebisect run --runtime python@3.11 --phase llm');
    expect(text).toContain('! python@3.12: untested: images: local cannot serve python@3.12');
    expect(text).toContain('1 of 3 runtimes failing · 3 cells run, 1 cached');
  });
});

describe('renderJunit', () => {
  it('writes well-formed XML that a JUnit parser reads back as one testcase per cell', async () => {
    const xml = renderJunit(result(CELLS));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('\u001b');
    const parsed = (await parse(xml)) as {
      tests: number;
      failures: number;
      skipped: number;
      testsuite: {
        name: string;
        testcase: {
          classname: string;
          name: string;
          failure?: { message: string; type: string; inner: string }[];
          skipped?: unknown[];
        }[];
      }[];
    };
    expect(parsed.tests).toBe(CELLS.length);
    expect(parsed.failures).toBe(1);
    expect(parsed.skipped).toBe(2);
    expect(parsed.testsuite.map((s) => [s.name, s.testcase.length])).toEqual([
      ['python@3.11', 5],
      ['python@3.12', 1],
      ['python@3.13', 2],
    ]);
    const llm = parsed.testsuite[0]!.testcase[4]!;
    expect(llm).toMatchObject({ classname: 'python@3.11', name: '05 llm' });
    expect(llm.failure?.[0]).toMatchObject({
      type: 'package-unavailable',
      message: failed.diagnosis!.summary,
    });
    expect(llm.failure?.[0]?.inner).toContain('remedy: Install it with pip instead');
    expect(llm.failure?.[0]?.inner).toContain('apt-get exited 100 <&> red');
    expect(llm.failure?.[0]?.inner).toContain(
      'reproduce: npx stagebisect run --runtime python@3.11 --phase llm',
    );
  });
});

describe('renderMatrixMarkdown', () => {
  it('renders the same table as a GitHub table, and the failing runtime with its diagnosis', () => {
    const md = renderMatrixMarkdown(result(CELLS));
    expect(md).toContain('| runtime | health | db | redis | auth | llm |');
    expect(md).toContain('|---|:---:|:---:|:---:|:---:|:---:|');
    expect(md).toContain('| python@3.11 | ☑️ | ☑️ | ✅ (cached) | ✅ | ❌ |');
    expect(md).toContain(
      '- ❌ **python@3.11**: first failing layer **llm** (5 of 5, `phases/50-llm.yaml`), last good: auth',
    );
    expect(md).toContain(
      '  - remedy: Install it with pip instead \\(\\`pip: \\[openai\\]\\`\\).'.replace(
        /\\\(|\\\)/g,
        (m) => m[1]!,
      ),
    );
  });

  it('draws each runtime’s ladder as a Mermaid diagram for the step summary', () => {
    const md = renderMatrixMarkdown(result(CELLS));
    expect(md).toContain('#### python@3.11\n\n```mermaid\nflowchart BT\n');
    expect(md).toContain('  L4["4 · auth<br/>pass"]:::pass\n  L5["5 · llm<br/>fail"]:::fail\n');
  });
});

describe('mergeResults', () => {
  it('merges shards into what one run would have written', () => {
    const whole = result(CELLS);
    const first = result(
      CELLS.filter((c) => c.runtime !== 'python@3.13'),
      ['1/2'],
    );
    const second = result(
      CELLS.filter((c) => c.runtime === 'python@3.13'),
      ['2/2'],
    );
    const merged = mergeResults([
      { name: 'b.json', result: { ...second, runIds: ['run2'] } },
      { name: 'a.json', result: first },
    ]);
    expect({ ...merged, runIds: [] }).toEqual({ ...whole, runIds: [] });
    expect(renderJunit(merged)).toBe(renderJunit(whole));
    expect(merged.runIds).toEqual(['run2', 'run1']);
  });

  it('refuses shards of different matrices, a shard given twice, and a missing shard', () => {
    const first = result(
      CELLS.filter((c) => c.runtime !== 'python@3.13'),
      ['1/2'],
    );
    expect(() =>
      mergeResults([
        { name: 'a.json', result: first },
        { name: 'b.json', result: { ...first, matrix: 'weekly' } },
      ]),
    ).toThrow('b.json is not a shard of the same matrix as a.json: matrices differ (nightly, weekly)');
    expect(() =>
      mergeResults([
        { name: 'a.json', result: first },
        { name: 'c.json', result: first },
      ]),
    ).toThrow(/both hold cell/);
    expect(() => mergeResults([{ name: 'a.json', result: first }])).toThrow('shards 2/2 are missing');
  });
});
