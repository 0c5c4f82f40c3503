// Pure: the small pieces of text a deployment strategy repeats: dates, commands a person runs, and what
// a layer adds, in one line.
import { diffPhases } from '../../config/diff-phases.js';
import type { Plan } from '../../model.js';
import type { Snapshot } from '../../snapshots/snapshot.js';

/** `2026-11-30 10:00 UTC` */
export function documentDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A layer's additions in one line: packages, services, env, files, checks. */
export function additions(plan: Plan, index: number): string {
  const phase = plan.phases[index - 1]!;
  const added = diffPhases(plan.phases[index - 2], phase);
  const parts = [
    added.apt.length ? `apt ${added.apt.join(', ')}` : '',
    added.pip.length ? `pip ${added.pip.join(', ')}` : '',
    added.requirements.length ? `requirements ${added.requirements.join(', ')}` : '',
    Object.keys(added.npm).length ? `npm ${Object.keys(added.npm).join(', ')}` : '',
    added.services.length ? `services ${added.services.join(', ')}` : '',
    added.envNames.length || added.secrets.length
      ? `env ${[...added.envNames, ...added.secrets].join(', ')}`
      : '',
    added.files === 'context'
      ? 'files: the whole context'
      : added.files.length
        ? `files ${added.files.join(', ')}`
        : '',
    added.start ? `start: ${added.start.to}` : '',
  ];
  return parts.filter(Boolean).join('; ') || 'nothing new';
}

/** `--config FILE` when the project file is not the default one beside the document. */
function configFlag(config: string): string {
  return config === 'stagebisect.yaml' ? '' : ` --config ${config}`;
}

export function runCommand(config: string, runtime: string, phase: string): string {
  return `npx stagebisect run${configFlag(config)} --runtime ${runtime} --phase ${phase}`;
}

export function restoreCommand(config: string, s: Snapshot): string {
  return `npx stagebisect snapshot restore ${s.phase.name}${configFlag(config)} --runtime ${s.runtime} --to restored-${s.phase.name}`;
}
