// Pure: what changed from one snapshot to another, as a person compares two working configurations:
// packages with their versions, env names and sources, services, the start command, the runtime, the
// Dockerfile's lines and the context files.
import type { Snapshot } from './snapshot.js';
import { lineDiff, type LineChange } from './line-diff.js';

/** One named thing on either side: absent on a side is null. */
export interface Change {
  readonly name: string;
  readonly from: string | null;
  readonly to: string | null;
}

export interface SnapshotDiff {
  readonly from: {
    readonly phase: string;
    readonly runtime: string;
    readonly key: string;
    readonly date: string;
  };
  readonly to: {
    readonly phase: string;
    readonly runtime: string;
    readonly key: string;
    readonly date: string;
  };
  /** Same key: the same recipe, so nothing that could change an outcome differs. */
  readonly sameKey: boolean;
  readonly runtime: readonly Change[];
  readonly apt: readonly Change[];
  readonly python: readonly Change[];
  readonly lockfile: readonly LineChange[];
  readonly env: readonly Change[];
  readonly services: readonly Change[];
  readonly start: Change | null;
  readonly dockerfile: readonly LineChange[];
  readonly files: readonly Change[];
}

/** Entries by name on both sides, compared by value; sorted by name. */
function compare(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): Change[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.flatMap((name) => {
    const from = before.get(name) ?? null;
    const to = after.get(name) ?? null;
    return from === to ? [] : [{ name, from, to }];
  });
}

const byName = <T>(
  items: readonly T[],
  key: (t: T) => string,
  value: (t: T) => string,
): Map<string, string> => new Map(items.map((item) => [key(item), value(item)]));

function envValue(entry: Snapshot['env'][number]): string {
  const secret = entry.secret ? ', secret' : '';
  return entry.value !== undefined ? `${entry.source}${secret}: ${entry.value}` : `${entry.source}${secret}`;
}

function side(s: Snapshot): SnapshotDiff['from'] {
  return { phase: s.phase.name, runtime: s.runtime, key: s.key, date: s.date };
}

export function diffSnapshots(a: Snapshot, b: Snapshot): SnapshotDiff {
  const runtimeFacts = (s: Snapshot): Map<string, string> =>
    new Map([
      ['runtime', s.runtime],
      ['version', s.runtimeVersion?.reported ?? 'unknown'],
      ['image', `${s.runtimeImage.ref} (${s.runtimeImage.id})`],
    ]);
  return {
    from: side(a),
    to: side(b),
    sameKey: a.key === b.key,
    runtime: compare(runtimeFacts(a), runtimeFacts(b)),
    apt: compare(
      byName(
        a.packages.apt,
        (p) => p.name,
        (p) => p.version,
      ),
      byName(
        b.packages.apt,
        (p) => p.name,
        (p) => p.version,
      ),
    ),
    python: compare(
      byName(
        a.packages.python ?? [],
        (p) => p.name,
        (p) => p.version,
      ),
      byName(
        b.packages.python ?? [],
        (p) => p.name,
        (p) => p.version,
      ),
    ),
    lockfile:
      a.packages.lockfile === b.packages.lockfile
        ? []
        : lineDiff(a.packages.lockfile ?? '', b.packages.lockfile ?? ''),
    env: compare(
      byName(a.env, (e) => e.name, envValue),
      byName(b.env, (e) => e.name, envValue),
    ),
    services: compare(
      byName(
        a.services,
        (s) => s.name,
        (s) => `${s.image.ref}${s.version ? ` ${s.version}` : ''}`,
      ),
      byName(
        b.services,
        (s) => s.name,
        (s) => `${s.image.ref}${s.version ? ` ${s.version}` : ''}`,
      ),
    ),
    start: a.start === b.start ? null : { name: 'start', from: a.start, to: b.start },
    dockerfile: lineDiff(a.dockerfile, b.dockerfile),
    files: compare(
      byName(
        a.files,
        (f) => f.path,
        (f) => f.sha256.slice(0, 12),
      ),
      byName(
        b.files,
        (f) => f.path,
        (f) => f.sha256.slice(0, 12),
      ),
    ),
  };
}

/** Whether two snapshots differ in anything the diff shows. */
export function isEmptyDiff(diff: SnapshotDiff): boolean {
  return (
    diff.runtime.length +
      diff.apt.length +
      diff.python.length +
      diff.lockfile.length +
      diff.env.length +
      diff.services.length +
      diff.dockerfile.length +
      diff.files.length ===
      0 && diff.start === null
  );
}
