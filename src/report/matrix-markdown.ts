// A matrix as GitHub-flavoured Markdown: the same table and verdicts as the terminal, for a pull request
// comment or a job's step summary.
import type { MatrixResult, MatrixRuntimeSummary } from '../model.js';
import { ladderStatus } from './docs/cell-statuses.js';
import { mermaidLadder } from './docs/mermaid-ladder.js';
import { formatDuration } from './format-duration.js';
import { MARKDOWN_LEGEND, markdownMark } from './matrix-marks.js';
import { deepSummary } from './deep-summary.js';
import { markdownCell, markdownCode, markdownText } from './markdown-text.js';

function runtimeLines(summary: MatrixRuntimeSummary, phaseCount: number): string[] {
  const name = `**${markdownText(summary.runtime)}**`;
  switch (summary.status) {
    case 'pass':
      return [`- ✅ ${name}: every phase passes`];
    case 'excluded':
      return [`- ➖ ${name}: every cell excluded`];
    case 'untested':
    case 'error':
      return [
        `- ⚠️ ${name}: ${summary.status === 'untested' ? 'untested' : 'could not be tested'}: ${markdownCell(summary.reason ?? '')}`,
        ...(summary.reproduce ? [`  - reproduce: ${markdownCode(summary.reproduce)}`] : []),
      ];
    case 'fail': {
      const failing = summary.firstFailing!;
      const diagnosis = failing.diagnosis;
      return [
        `- ❌ ${name}: first failing layer **${markdownText(failing.phase)}** (${failing.index} of ${phaseCount}, ${markdownCode(failing.file)}), last good: ${markdownText(summary.lastGood?.phase ?? 'none')}`,
        ...(diagnosis
          ? [
              `  - diagnosis: ${markdownCode(diagnosis.class)}${diagnosis.subject ? ` (${markdownText(diagnosis.subject)})` : ''}: ${markdownCell(diagnosis.summary)}`,
              `  - remedy: ${markdownCell(diagnosis.remedy)}`,
            ]
          : [`  - failure: ${markdownCell(failing.message.split('\n')[0] ?? '')}`]),
        ...(failing.deep ? [`  - deep: ${markdownCell(deepSummary(failing.deep))}`] : []),
        `  - reproduce: ${markdownCode(summary.reproduce ?? '')}`,
      ];
    }
  }
}

/** Each runtime's ladder as a Mermaid diagram, which GitHub renders in a job's step summary. */
function ladders(result: MatrixResult): string[] {
  return result.runtimes.flatMap((runtime) => {
    const cells = result.cells.filter((c) => c.runtime === runtime);
    if (cells.length === 0) return [];
    const rungs = result.phases.map((p) => {
      const cell = cells.find((c) => c.phaseIndex === p.index);
      return {
        index: p.index,
        name: p.name,
        status: ladderStatus(cell?.status),
        inferred: cell?.status === 'inferred-pass' || cell?.status === 'inferred-fail',
      };
    });
    return [`#### ${markdownText(runtime)}`, '', '```mermaid', mermaidLadder(rungs), '```', ''];
  });
}

export function renderMatrixMarkdown(result: MatrixResult): string {
  const ran = result.cells.filter((c) => c.verdict && !c.cached).length;
  const cached = result.cells.filter((c) => c.cached).length;
  const header = `| runtime | ${result.phases.map((p) => markdownCell(p.name)).join(' | ')} |`;
  const rule = `|---|${result.phases.map(() => ':---:').join('|')}|`;
  const rows = result.runtimes
    .filter((runtime) => result.cells.some((c) => c.runtime === runtime))
    .map(
      (runtime) =>
        `| ${markdownCell(runtime)} | ${result.phases
          .map((p) =>
            markdownMark(result.cells.find((c) => c.runtime === runtime && c.phaseIndex === p.index)),
          )
          .join(' | ')} |`,
    );
  const shard = result.shards.length ? `, shard ${result.shards.join(', ')}` : '';
  return [
    `### stagebisect matrix ${markdownCode(result.matrix)} of ${markdownText(result.project)}`,
    '',
    `${result.mode} mode${shard} · run ${result.runIds.map(markdownCode).join(', ')} · ${formatDuration(result.durationMs)} · ${ran} cells run, ${cached} cached`,
    '',
    header,
    rule,
    ...rows,
    '',
    MARKDOWN_LEGEND,
    '',
    ...result.summaries.flatMap((s) => runtimeLines(s, result.phases.length)),
    '',
    ...ladders(result),
  ].join('\n');
}
