// The terminal report of one cell: verdict, timings, every check, and for a failure the evidence, the
// diagnosis and the log tail.
import type { Diagnosis, Verdict } from '../model.js';
import { evidenceLine, indent, readableLog } from './evidence-text.js';
import { formatDuration } from './format-duration.js';
import { MARK } from './symbols.js';

const CHECK_MARK = { pass: MARK.pass, fail: MARK.fail, skipped: MARK.skip } as const;
const LOG_LINES = 20;

export function diagnosisLines(diagnosis: Diagnosis): string[] {
  return [
    `diagnosis: ${diagnosis.class}${diagnosis.subject ? ` (${diagnosis.subject})` : ''}`,
    `  ${diagnosis.summary}`,
    `  remedy: ${diagnosis.remedy}`,
    ...indent(diagnosis.evidence.slice(0, 6), '  > '),
  ];
}

export function renderVerdict(verdict: Verdict, context: { project: string; phases: number }): string {
  const head = verdict.status === 'pass' ? 'PASS' : verdict.status === 'fail' ? 'FAIL' : 'ERROR';
  const t = verdict.timings;
  const lines = [
    `${head}  ${context.project} · phase ${verdict.phase} (${verdict.phaseIndex} of ${context.phases}) · ${verdict.runtime} · ${formatDuration(t.totalMs)} · run ${verdict.runId}`,
    `      image ${formatDuration(t.imageMs)} · build ${formatDuration(t.buildMs)} · services ${formatDuration(t.servicesMs)}${t.releaseMs !== undefined ? ` · release ${formatDuration(t.releaseMs)}` : ''} · start ${formatDuration(t.startMs)} · checks ${formatDuration(t.checksMs)}`,
  ];
  if (verdict.checks.length) {
    lines.push('', 'checks');
    const width = Math.max(...verdict.checks.map((c) => c.label.length));
    for (const check of verdict.checks) {
      lines.push(
        `  ${CHECK_MARK[check.status]} ${check.label.padEnd(width)}  ${check.message}  [${check.phase}, ${formatDuration(check.durationMs)}]`,
      );
    }
  }
  for (const warning of verdict.warnings) lines.push(`${MARK.warning} ${warning}`);
  if (verdict.infra) {
    lines.push('', `untestable: ${verdict.infra.message}`, `  remedy: ${verdict.infra.remedy}`);
    return lines.join('\n');
  }
  if (verdict.status === 'pass') return lines.join('\n');
  lines.push(
    '',
    `failed at ${verdict.failure?.stage ?? 'check'}: ${verdict.failure?.message.split('\n')[0] ?? ''}`,
  );
  const failed = verdict.checks.find((c) => c.status === 'fail');
  if (failed) {
    const evidence = evidenceLine(failed.evidence);
    if (evidence) lines.push(`evidence: ${evidence}`);
    if (typeof failed.evidence.body === 'string' && failed.evidence.body)
      lines.push(`body: ${failed.evidence.body.slice(0, 200)}`);
    if (typeof failed.evidence.output === 'string' && failed.evidence.output.trim()) {
      lines.push('output:', ...indent(failed.evidence.output.trimEnd().split('\n').slice(-LOG_LINES)));
    }
  }
  if (verdict.diagnosis) lines.push('', ...diagnosisLines(verdict.diagnosis));
  if (verdict.failure?.stage === 'build') {
    lines.push(
      '',
      'build output (last lines):',
      ...indent(verdict.build?.outputTail.slice(-LOG_LINES) ?? []),
    );
  } else if (verdict.failure?.stage === 'release') {
    lines.push(
      '',
      `release output (last lines of \`${verdict.release?.command ?? ''}\`):`,
      ...indent(readableLog(verdict.release?.outputTail ?? [], LOG_LINES)),
    );
  } else if (verdict.app?.logTail.length) {
    lines.push('', 'app log (last lines):', ...indent(readableLog(verdict.app.logTail, LOG_LINES)));
  }
  return lines.join('\n');
}
