// A deep bisect in one line, for reports that show many runtimes (matrix table, Markdown, JUnit).
import type { DeepBisectReport } from '../model.js';

export function deepSummary(deep: DeepBisectReport): string {
  if (deep.skipped !== undefined) return `deep bisect not run: ${deep.skipped}`;
  const probes = `${deep.probes} probe${deep.probes === 1 ? '' : 's'} of ${deep.additions.length} additions`;
  const minimal = deep.minimal ?? [];
  return minimal.length === 0
    ? `${deep.phase} fails with none of its additions on top of ${deep.base ?? 'an empty image'} (${probes})`
    : `${deep.phase} fails because of: ${minimal.map((a) => a.label).join(' + ')} (${probes})`;
}
