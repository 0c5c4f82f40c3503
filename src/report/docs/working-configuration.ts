// Pure: a snapshot as the deployment strategy lists a layer's last working configuration.
import type { Snapshot } from '../../snapshots/snapshot.js';
import { documentDate, restoreCommand } from './document-text.js';

export interface WorkingConfiguration {
  readonly runtime: string;
  readonly key: string;
  readonly date: string;
  readonly commit: string;
  readonly runtimeVersion: string;
  readonly runtimeImage: string;
  readonly apt: string;
  readonly pip: string;
  readonly services: string;
  readonly start: string;
  readonly restore: string;
  /** The later layer whose passing image proved this one, when it was not run on its own. */
  readonly provenBy: string | null;
}

export function workingConfiguration(config: string, s: Snapshot): WorkingConfiguration {
  const pip = (s.packages.python ?? []).filter((p) => p.installer === 'pip');
  return {
    runtime: s.runtime,
    key: s.key.slice(0, 12),
    date: documentDate(s.date),
    commit: s.git
      ? `${s.git.commit?.slice(0, 12) ?? 'no commit'}${s.git.dirty ? ' + uncommitted changes' : ''}`
      : 'not in git',
    runtimeVersion: s.runtimeVersion?.reported ?? 'unknown',
    runtimeImage: s.runtimeImage.ref,
    apt: s.packages.apt.map((p) => `${p.name} ${p.version}`).join(', ') || 'none',
    pip: pip.map((p) => `${p.name}==${p.version}`).join(', ') || 'none',
    services:
      s.services.map((v) => `${v.name} (${v.kind} ${v.version ?? 'version unknown'})`).join(', ') || 'none',
    start: s.start,
    restore: restoreCommand(config, s),
    provenBy: s.provenBy ? s.provenBy.phase : null,
  };
}
