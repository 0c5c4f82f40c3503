// The terminal report of a bisect: which layer breaks first, what it added, why, and what it cost.
import type { BisectReport, LayerAdditions } from '../model.js';
import { renderDeepBisect } from './deep-bisect-report.js';
import { evidenceLine, indent, readableLog } from './evidence-text.js';
import { formatDuration } from './format-duration.js';
import { diagnosisLines } from './run-report.js';
import { MARK } from './symbols.js';

/** The culprit's own log lines worth reading beside the diagnosis. */
const LOG_LINES = 10;

function additionLines(added: LayerAdditions): string[] {
  const lines: string[] = [];
  const list = (label: string, items: readonly string[]): void => {
    if (items.length) lines.push(`  ${label}: ${items.join(', ')}`);
  };
  list('apt', added.apt);
  list('pip', added.pip);
  list('requirements', added.requirements);
  list(
    'npm',
    Object.entries(added.npm).map(([name, range]) => `${name}@${range}`),
  );
  if (added.files !== 'context') list('files', added.files);
  list('env', added.envNames);
  list('secrets', added.secrets);
  list('services', added.services);
  list('checks', added.checks);
  if (added.start) lines.push(`  start: ${added.start.to}  (was: ${added.start.from})`);
  return lines.length ? lines : ['  (nothing but its name)'];
}

export function renderBisect(report: BisectReport): string {
  const marks = new Map(
    report.probeOrder.map((p) => [
      p.index,
      p.status === 'pass' ? MARK.pass : p.status === 'fail' ? MARK.fail : MARK.error,
    ]),
  );
  const lines = [
    `bisect ${report.project} on ${report.runtime}: ${report.probes} probe${report.probes === 1 ? '' : 's'} of ${report.phases.length} phases in ${formatDuration(report.durationMs)} · run ${report.runId}`,
    `  ${report.phases.map((p) => `${p.index} ${p.name}${marks.has(p.index) ? ` ${marks.get(p.index)}` : ''}`).join('  ·  ')}`,
    '',
  ];
  if (report.inconclusive) {
    const reason = report.verdicts.find((v) => v.infra)?.infra;
    lines.push(
      'inconclusive: no phase could be tested.',
      ...(reason ? [`  ${reason.message}`, `  remedy: ${reason.remedy}`] : []),
    );
    return lines.join('\n');
  }
  if (report.untested.length)
    lines.push(`${MARK.warning} untested (infrastructure trouble): ${report.untested.join(', ')}`);
  for (const anomaly of report.anomalies) {
    lines.push(
      `${MARK.warning} not monotone: ${anomaly.passed} passed although the earlier ${anomaly.failed} failed`,
    );
  }
  if (report.culprit.phase === null) {
    lines.push(
      report.possibleCulprits.length
        ? `no failure among the tested phases; ${report.possibleCulprits.join(', ')} could not be tested`
        : `every phase passes: the last good phase is ${report.lastGood.phase ?? '-'}`,
    );
    return lines.join('\n');
  }
  lines.push(
    `first failing phase: ${report.culprit.phase} (${report.culprit.index} of ${report.phases.length}, ${report.culprit.file})`,
  );
  if (report.possibleCulprits.length > 1)
    lines.push(
      `  it may also be ${report.possibleCulprits.filter((p) => p !== report.culprit.phase).join(', ')}, which could not be tested`,
    );
  lines.push(
    `last good phase:     ${report.lastGood.phase !== null ? `${report.lastGood.phase} (${report.lastGood.index})` : 'none: the first phase fails'}`,
  );
  if (report.added) lines.push('', `what ${report.culprit.phase} adds:`, ...additionLines(report.added));
  const verdict = report.verdicts.find((v) => v.phaseIndex === report.culprit.index);
  if (verdict?.failure)
    lines.push('', `failed at ${verdict.failure.stage}: ${verdict.failure.message.split('\n')[0]}`);
  if (report.failedCheck) {
    const evidence = evidenceLine(report.failedCheck.evidence);
    if (evidence) lines.push(`evidence: ${evidence}`);
  }
  if (report.diagnosis) lines.push('', ...diagnosisLines(report.diagnosis));
  if (report.deep) lines.push('', ...renderDeepBisect(report.deep));
  if (report.logTail.length)
    lines.push('', 'log (last lines):', ...indent(readableLog(report.logTail, LOG_LINES)));
  return lines.join('\n');
}
