// The terminal report of a matrix: a table of runtimes by phases, then per runtime where it stops and why,
// with the command that reproduces it.
import type { MatrixResult, MatrixRuntimeSummary } from '../model.js';
import { formatDuration } from './format-duration.js';
import { TERMINAL_LEGEND, terminalMark } from './matrix-marks.js';
import { deepSummary } from './deep-summary.js';
import { MARK } from './symbols.js';

function pad(text: string, width: number): string {
  // Marks are one column wide on a terminal whatever their byte length.
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function table(result: MatrixResult): string[] {
  const first = Math.max(...result.runtimes.map((r) => r.length), 'runtime'.length) + 2;
  const widths = result.phases.map((p) => Math.max(p.name.length, 4) + 2);
  const header = pad('', first) + result.phases.map((p, i) => pad(p.name, widths[i]!)).join('');
  const rows = result.runtimes
    .filter((runtime) => result.cells.some((c) => c.runtime === runtime))
    .map(
      (runtime) =>
        pad(runtime, first) +
        result.phases
          .map((p, i) =>
            pad(
              terminalMark(result.cells.find((c) => c.runtime === runtime && c.phaseIndex === p.index)),
              widths[i]!,
            ),
          )
          .join(''),
    );
  return [`  ${header.trimEnd()}`, ...rows.map((r) => `  ${r.trimEnd()}`)];
}

function summaryLines(summary: MatrixRuntimeSummary, phaseCount: number): string[] {
  const head = `${summary.runtime}:`;
  switch (summary.status) {
    case 'pass':
      return [
        `${MARK.pass} ${head} every phase passes${summary.lastGood ? ` (up to ${summary.lastGood.phase})` : ''}`,
      ];
    case 'excluded':
      return [`– ${head} every cell excluded`];
    case 'untested':
    case 'error':
      return [
        `${MARK.error} ${head} ${summary.status === 'untested' ? 'untested' : 'could not be tested'}: ${summary.reason ?? ''}`,
        ...(summary.reproduce ? [`    reproduce: ${summary.reproduce}`] : []),
      ];
    case 'fail': {
      const failing = summary.firstFailing!;
      const diagnosis = failing.diagnosis;
      return [
        `${MARK.fail} ${head} first failing layer ${failing.phase} (${failing.index} of ${phaseCount}, ${failing.file}); last good: ${summary.lastGood?.phase ?? 'none'}`,
        ...(diagnosis
          ? [
              `    diagnosis: ${diagnosis.class}${diagnosis.subject ? ` (${diagnosis.subject})` : ''}: ${diagnosis.summary}`,
              `    remedy: ${diagnosis.remedy}`,
            ]
          : [`    failure: ${failing.message.split('\n')[0]}`]),
        ...(failing.deep ? [`    deep: ${deepSummary(failing.deep)}`] : []),
        `    reproduce: ${summary.reproduce}`,
      ];
    }
  }
}

export function renderMatrix(result: MatrixResult, phaseCount = result.phases.length): string {
  const ran = result.cells.filter((c) => c.verdict && !c.cached).length;
  const cached = result.cells.filter((c) => c.cached).length;
  const failing = result.summaries.filter((s) => s.status === 'fail').length;
  const shard = result.shards.length ? ` · shard ${result.shards.join(', ')}` : '';
  return [
    `matrix ${result.matrix} of ${result.project} (${result.mode}): ${result.runtimes.length} runtime${result.runtimes.length === 1 ? '' : 's'} × ${result.phases.length} phases${shard} · run ${result.runIds.join(', ')} · ${formatDuration(result.durationMs)}`,
    '',
    ...table(result),
    '',
    `  ${TERMINAL_LEGEND}`,
    '',
    ...result.summaries.flatMap((s) => summaryLines(s, phaseCount)),
    '',
    `${failing} of ${result.summaries.length} runtime${result.summaries.length === 1 ? '' : 's'} failing · ${ran} cell${ran === 1 ? '' : 's'} run, ${cached} cached`,
  ].join('\n');
}
