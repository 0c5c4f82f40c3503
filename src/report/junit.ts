// A matrix as JUnit XML: one testsuite per runtime, one testcase per cell (classname = runtime), a failing
// cell's diagnosis and evidence as its failure text; what CI systems show as test results.
import type { MatrixCell, MatrixResult } from '../model.js';
import { deepSummary } from './deep-summary.js';

/** XML 1.0 has no place for most control characters: ANSI colour codes go whole, the rest are dropped. */
const ANSI = new RegExp(String.raw`\u001B\[[0-9;]*[A-Za-z]`, 'g');
const INVALID = new RegExp(String.raw`[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]`, 'g');

export function xmlText(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function failureText(cell: MatrixCell, reproduce: string): string {
  const verdict = cell.verdict!;
  const diagnosis = verdict.diagnosis;
  const evidence = verdict.checks.find((c) => c.status === 'fail')?.evidence ?? {};
  const log = verdict.app?.logTail ?? verdict.release?.outputTail ?? verdict.build?.outputTail ?? [];
  return [
    diagnosis ? `diagnosis: ${diagnosis.class}${diagnosis.subject ? ` (${diagnosis.subject})` : ''}` : '',
    diagnosis ? diagnosis.summary : '',
    diagnosis ? `remedy: ${diagnosis.remedy}` : '',
    verdict.failure ? `failed at ${verdict.failure.stage}: ${verdict.failure.message}` : '',
    ...Object.entries(evidence)
      .filter(([key]) => key !== 'output')
      .map(([key, value]) => `${key}: ${String(value)}`),
    ...(diagnosis?.evidence.length ? ['evidence:', ...diagnosis.evidence.map((l) => `  ${l}`)] : []),
    ...(log.length ? ['log (last lines):', ...log.map((l) => `  ${l}`)] : []),
    ...(cell.deep ? [`deep: ${deepSummary(cell.deep)}`] : []),
    `reproduce: ${reproduce}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function testcase(result: MatrixResult, cell: MatrixCell): string {
  const name = `${String(cell.phaseIndex).padStart(2, '0')} ${cell.phase}`;
  const time = seconds(cell.cached ? 0 : (cell.verdict?.timings.totalMs ?? 0));
  const open = `    <testcase classname="${xmlText(cell.runtime)}" name="${xmlText(name)}" time="${time}"`;
  const summary = result.summaries.find((s) => s.runtime === cell.runtime);
  const reproduce = summary?.reproduce ?? '';
  const note = (text: string): string =>
    `${open}>\n      <system-out>${xmlText(text)}</system-out>\n    </testcase>`;
  switch (cell.status) {
    case 'pass':
      return cell.cached
        ? note(`cached: passed in run ${cell.verdict?.runId ?? '?'} on ${cell.verdict?.startedAt ?? '?'}`)
        : `${open}/>`;
    case 'inferred-pass':
      return note(`not run: ${cell.reason ?? 'a later phase passed'}, and phases are cumulative`);
    case 'fail': {
      const diagnosis = cell.verdict?.diagnosis;
      const message = diagnosis?.summary ?? cell.verdict?.failure?.message.split('\n')[0] ?? 'failed';
      const type = diagnosis?.class ?? 'failure';
      return `${open}>\n      <failure message="${xmlText(message)}" type="${xmlText(type)}">${xmlText(failureText(cell, reproduce))}</failure>\n    </testcase>`;
    }
    case 'error': {
      const infra = cell.verdict?.infra;
      const message = infra?.message ?? cell.reason ?? 'could not be tested';
      return `${open}>\n      <error message="${xmlText(message)}" type="${xmlText(infra?.code ?? 'infrastructure')}">${xmlText(infra ? `${infra.message}\nremedy: ${infra.remedy}` : message)}</error>\n    </testcase>`;
    }
    case 'untested':
    case 'excluded':
    case 'inferred-fail': {
      const why =
        cell.status === 'excluded'
          ? 'excluded by the matrix'
          : cell.status === 'inferred-fail'
            ? `not run: ${cell.reason ?? 'an earlier phase fails'}`
            : `untested: ${cell.reason ?? ''}`;
      return `${open}>\n      <skipped message="${xmlText(why)}"/>\n    </testcase>`;
    }
  }
}

export function renderJunit(result: MatrixResult): string {
  const count = (cells: readonly MatrixCell[], status: MatrixCell['status'][]): number =>
    cells.filter((c) => status.includes(c.status)).length;
  const suites = result.runtimes
    .map((runtime) =>
      result.cells.filter((c) => c.runtime === runtime).sort((a, b) => a.phaseIndex - b.phaseIndex),
    )
    .filter((cells) => cells.length > 0)
    .map((cells) => {
      const runtime = cells[0]!.runtime;
      const time = cells.reduce((sum, c) => sum + (c.cached ? 0 : (c.verdict?.timings.totalMs ?? 0)), 0);
      return [
        `  <testsuite name="${xmlText(runtime)}" tests="${cells.length}" failures="${count(cells, ['fail'])}" errors="${count(cells, ['error'])}" skipped="${count(cells, ['untested', 'excluded', 'inferred-fail'])}" time="${seconds(time)}" timestamp="${xmlText(result.startedAt.replace(/\.\d+Z$/, ''))}">`,
        ...cells.map((cell) => testcase(result, cell)),
        '  </testsuite>',
      ].join('\n');
    });
  const all = result.cells;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(`stagebisect ${result.matrix} (${result.project})`)}" tests="${all.length}" failures="${count(all, ['fail'])}" errors="${count(all, ['error'])}" skipped="${count(all, ['untested', 'excluded', 'inferred-fail'])}" time="${seconds(result.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
