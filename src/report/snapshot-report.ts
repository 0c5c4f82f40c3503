// Snapshots as a person reads them in a terminal: the list, one snapshot, a diff, a restore.
import type { RestoredContext } from '../snapshots/restore-snapshot.js';
import type { Change, SnapshotDiff } from '../snapshots/diff-snapshots.js';
import { isEmptyDiff } from '../snapshots/diff-snapshots.js';
import { envOrigin, hostNeeds } from '../snapshots/env-origin.js';
import type { Snapshot } from '../snapshots/snapshot.js';
import { shortKey } from '../recipes/recipe-key.js';
import { documentDate } from './docs/document-text.js';
import { indent } from './evidence-text.js';
import { MARK } from './symbols.js';

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function renderSnapshotList(
  snapshots: readonly Snapshot[],
  problems: readonly string[],
  dir: string,
): string {
  if (snapshots.length === 0) {
    return [
      `no snapshots in ${dir}: a passing run, bisect probe or matrix cell takes one`,
      ...problems.map((p) => `${MARK.warning} ${p}`),
    ].join('\n');
  }
  const rows = [
    ['phase', 'runtime', 'passed', 'key', 'runtime version', 'commit'],
    ...snapshots.map((s) => [
      `${s.phase.index} ${s.phase.name}`,
      s.runtime,
      documentDate(s.date),
      shortKey(s.key),
      s.runtimeVersion?.reported ?? 'unknown',
      s.git ? `${s.git.commit?.slice(0, 12) ?? 'none'}${s.git.dirty ? ' (dirty)' : ''}` : '-',
    ]),
  ];
  return [
    `${snapshots.length} snapshot${snapshots.length === 1 ? '' : 's'} in ${dir}`,
    '',
    ...indent(table(rows), '  '),
    ...problems.map((p) => `${MARK.warning} ${p}`),
  ].join('\n');
}

export function renderSnapshot(s: Snapshot): string {
  const pipInstalled = (s.packages.python ?? []).filter((p) => p.installer === 'pip');
  const lines = [
    `${s.project} · phase ${s.phase.name} (${s.phase.index}) on ${s.runtime} · passed ${documentDate(s.date)} · key ${shortKey(s.key)} · run ${s.runId}`,
    `  git:      ${s.git ? `${s.git.commit ?? 'no commit yet'}${s.git.dirty ? ', with uncommitted changes' : ', clean'}` : 'not a git work tree'}`,
    `  runtime:  ${s.runtimeVersion?.reported ?? 'unknown'} · image ${s.runtimeImage.ref} (${s.runtimeImage.id})`,
    `  start:    ${s.start}`,
    `  port:     ${s.port}${s.memoryBytes ? ` · memory ${Math.round(s.memoryBytes / 1048576)} MiB` : ''}`,
    `  tool:     ${s.tool}`,
    '',
    'apt packages (as installed)',
    ...(s.packages.apt.length ? s.packages.apt.map((p) => `  ${p.name} ${p.version}`) : ['  none declared']),
  ];
  if (s.packages.python) {
    lines.push(
      '',
      `python distributions (pip freeze): ${s.packages.python.length}, ${pipInstalled.length} installed by pip`,
    );
    lines.push(
      ...s.packages.python.map((p) => `  ${p.name}==${p.version}${p.installer ? `  (${p.installer})` : ''}`),
    );
  }
  if (s.packages.lockfile !== null)
    lines.push('', `lockfile: ${s.packages.lockfile.split('\n').length} lines`);
  lines.push('', 'services');
  lines.push(
    ...(s.services.length
      ? s.services.map(
          (v) =>
            `  ${v.name}: ${v.kind} ${v.version ?? '(version unknown)'} · ${v.image.ref} (${v.image.id})`,
        )
      : ['  none']),
  );
  lines.push('', 'env');
  const width = Math.max(0, ...s.env.map((e) => e.name.length));
  lines.push(
    ...(s.env.length
      ? s.env.map((e) => `  ${e.name.padEnd(width)}  ${envOrigin(e)} · ${hostNeeds(e)} · from ${e.layer}`)
      : ['  none']),
  );
  lines.push('', 'checks');
  lines.push(
    ...s.checks.map(
      (c) =>
        `  ${c.status === 'pass' ? MARK.pass : MARK.skip} ${c.label}  [${c.phase}${c.latencyMs !== undefined ? `, ${c.latencyMs} ms` : `, ${c.durationMs} ms`}]`,
    ),
  );
  lines.push(
    '',
    `files: ${s.files.length}`,
    ...s.files.map(
      (f) => `  ${f.path}  ${f.kind === 'symlink' ? `-> ${f.target ?? ''}` : f.sha256.slice(0, 12)}`,
    ),
  );
  lines.push('', 'Dockerfile', ...indent(s.dockerfile.trimEnd().split('\n')));
  for (const note of s.notes) lines.push(`${MARK.warning} ${note}`);
  return lines.join('\n');
}

function changeLines(title: string, changes: readonly Change[]): string[] {
  if (changes.length === 0) return [];
  return [
    title,
    ...changes.map((c) =>
      c.from === null
        ? `  + ${c.name} ${c.to}`
        : c.to === null
          ? `  - ${c.name} ${c.from}`
          : `  ~ ${c.name} ${c.from} ${MARK.arrow} ${c.to}`,
    ),
  ];
}

export function renderSnapshotDiff(diff: SnapshotDiff): string {
  const name = (side: SnapshotDiff['from']): string =>
    `${side.phase}@${side.runtime} (key ${shortKey(side.key)}, ${documentDate(side.date)})`;
  const lines = [`snapshot diff ${name(diff.from)} ${MARK.arrow} ${name(diff.to)}`];
  if (isEmptyDiff(diff))
    return [
      ...lines,
      diff.sameKey
        ? 'the same configuration (same key)'
        : 'no difference in packages, env, services, start command, Dockerfile or files',
    ].join('\n');
  lines.push(
    ...changeLines('runtime', diff.runtime),
    ...changeLines('apt packages', diff.apt),
    ...changeLines('python distributions', diff.python),
    ...changeLines('env', diff.env),
    ...changeLines('services', diff.services),
    ...(diff.start ? ['start command', `  - ${diff.start.from}`, `  + ${diff.start.to}`] : []),
    ...(diff.dockerfile.length ? ['Dockerfile', ...diff.dockerfile.map((c) => `  ${c.op} ${c.line}`)] : []),
    ...(diff.lockfile.length ? ['lockfile', ...diff.lockfile.map((c) => `  ${c.op} ${c.line}`)] : []),
    ...changeLines('files', diff.files),
  );
  return lines.join('\n');
}

export function renderRestore(snapshot: Snapshot, restored: RestoredContext): string {
  const lines = [
    `restored ${snapshot.phase.name} on ${snapshot.runtime} (key ${shortKey(snapshot.key)}, passed ${documentDate(snapshot.date)}) to ${restored.dir}`,
    `  ${restored.files.length} files: Dockerfile and ${restored.files.filter((f) => f.startsWith('context/')).length} context files`,
    `  pinned: ${restored.pinned.apt.length} apt (${restored.pinned.apt.join(', ') || 'none'}), ${restored.pinned.pip.length} pip (${restored.pinned.pip.join(', ') || 'none'})`,
  ];
  if (restored.unpinned.length)
    lines.push(`${MARK.warning} not pinned (the image did not report them): ${restored.unpinned.join(', ')}`);
  const tag = `${snapshot.project}-${snapshot.phase.name}`.toLowerCase();
  const env = [`-e PORT=${snapshot.port}`, ...snapshot.env.map((e) => `-e ${e.name}`)].join(' ');
  lines.push(
    '',
    'build and run it (give the env its values, as the host would):',
    `  docker build -t ${tag} ${restored.dir}`,
    `  docker run --rm -p ${snapshot.port}:${snapshot.port} ${env} ${tag}`,
  );
  return lines.join('\n');
}
