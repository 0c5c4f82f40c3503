// The terminal report of a deep bisect: which additions of the culprit layer break it, and each probe.
import type { DeepBisectReport } from '../model.js';
import { formatDuration } from './format-duration.js';
import { MARK } from './symbols.js';

const OUTCOME_MARK = { fail: MARK.fail, pass: MARK.pass, unresolved: '?' } as const;

export function renderDeepBisect(deep: DeepBisectReport): string[] {
  if (deep.skipped !== undefined) return [`deep bisect: not run, ${deep.skipped}.`];
  const on = deep.base === null ? 'on an empty image' : `on top of ${deep.base}`;
  const lines = [
    `deep bisect inside ${deep.phase}, ${on}: ${deep.probes} probe${deep.probes === 1 ? '' : 's'} of ${deep.additions.length} additions in ${formatDuration(deep.durationMs)}`,
  ];
  const minimal = deep.minimal ?? [];
  if (minimal.length === 0) {
    lines.push(
      `  ${deep.phase} fails with none of its additions: its own checks fail ${on} (${deep.failure})`,
    );
  } else {
    const leave = minimal.length > 1 ? 'leave out any one of them' : 'leave it out';
    lines.push(
      `  ${deep.phase} fails because of: ${minimal.map((a) => a.label).join(' + ')}`,
      `  1-minimal: ${leave} and ${deep.failure} no longer shows`,
    );
  }
  if (deep.probeOrder.length) {
    lines.push(`  probes (${MARK.fail} the same failure · ${MARK.pass} pass · ? another failure):`);
    deep.probeOrder.forEach((probe, i) => {
      const taken = probe.additions.length ? probe.additions.join(', ') : '(none)';
      const other = probe.outcome === 'unresolved' ? `  [${probe.failure ?? probe.status}]` : '';
      lines.push(`    ${String(i + 1).padStart(2)} ${OUTCOME_MARK[probe.outcome]} ${taken}${other}`);
    });
  }
  return lines;
}
