// The snapshots of a project, beside its stagebisect.yaml: `.stagebisect/snapshots/<phase>/<runtime>/
// snapshot.json`, and the context files they list, kept once by content in `.files/<sha256>`. Files are
// written first, the snapshot last, each atomically: a run killed mid-write leaves the previous snapshot
// whole, and every file it names is there.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareRuntimeLabels } from '../matrix/resolve-runtimes.js';
import type { SnapshotSink } from '../engine/snapshot-sink.js';
import type { FileSource } from '../recipes/recipe.js';
import { writeFileAtomic, writeJsonAtomic } from '../store/atomic-write.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from './snapshot.js';

/** Where snapshots live unless told otherwise, relative to the project's directory. */
export const DEFAULT_SNAPSHOT_DIR = path.join('.stagebisect', 'snapshots');
const FILES = '.files';
const SNAPSHOT_FILE = 'snapshot.json';

/**
 * A name as one safe path segment (`python@3.13` stays as it is): any other character is %-encoded, and a
 * leading dot too, so a name can never climb out (`..`) or hide.
 */
export function pathSegment(name: string): string {
  const encode = (c: string): string =>
    [...Buffer.from(c)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return name.replace(/[^A-Za-z0-9._@+-]/gu, encode).replace(/^\./, encode);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const KEY = /^[0-9a-f]{64}$/;

/** Enough of a snapshot to trust the rest: written whole by this version, for the place it sits in. */
function isSnapshot(value: unknown): value is Snapshot {
  const s = value as Partial<Snapshot> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    s.schemaVersion === SNAPSHOT_SCHEMA_VERSION &&
    typeof s.key === 'string' &&
    KEY.test(s.key) &&
    typeof s.phase?.name === 'string' &&
    typeof s.runtime === 'string' &&
    typeof s.dockerfile === 'string' &&
    Array.isArray(s.files) &&
    Array.isArray(s.env) &&
    Array.isArray(s.checks) &&
    typeof s.packages === 'object' &&
    Array.isArray(s.notes)
  );
}

export interface SnapshotListing {
  readonly snapshots: Snapshot[];
  /** Files that are not snapshots this version can read, each in a sentence. */
  readonly problems: string[];
}

export class SnapshotStore implements SnapshotSink {
  constructor(readonly dir: string) {}

  fileOf(phase: string, runtime: string): string {
    return path.join(this.dir, pathSegment(phase), pathSegment(runtime), SNAPSHOT_FILE);
  }

  private blobOf(hash: string): string {
    return path.join(this.dir, FILES, hash);
  }

  private async bytesOf(source: FileSource | undefined): Promise<Buffer | undefined> {
    if (source?.kind === 'bytes') return source.bytes;
    if (source?.kind === 'file') return readFile(source.path).catch(() => undefined);
    return undefined;
  }

  async put(
    snapshot: Snapshot,
    sources: ReadonlyMap<string, FileSource>,
  ): Promise<{ readonly missed: readonly string[] }> {
    const missed: string[] = [];
    for (const file of snapshot.files) {
      if (file.kind !== 'file') continue;
      const blob = this.blobOf(file.sha256);
      if (
        await stat(blob).then(
          () => true,
          () => false,
        )
      )
        continue;
      const bytes = await this.bytesOf(sources.get(file.path));
      // Changed (or gone) since the cell hashed it: these bytes are not what ran.
      if (!bytes || sha256(bytes) !== file.sha256) {
        missed.push(file.path);
        continue;
      }
      await writeFileAtomic(blob, bytes);
    }
    await writeJsonAtomic(this.fileOf(snapshot.phase.name, snapshot.runtime), snapshot);
    return { missed };
  }

  /** The snapshot of a phase on a runtime; undefined when there is none, a problem when it is unreadable. */
  async get(phase: string, runtime: string): Promise<Snapshot | undefined> {
    const file = this.fileOf(phase, runtime);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = JSON.parse(text) as unknown;
    if (!isSnapshot(parsed)) throw new Error(`${file} is not a snapshot this version of stagebisect reads`);
    return parsed;
  }

  /** Every readable snapshot, in phase order then runtime; unreadable files are named, not trusted. */
  async list(): Promise<SnapshotListing> {
    const snapshots: Snapshot[] = [];
    const problems: string[] = [];
    const phases = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.'));
    for (const phase of phases.sort()) {
      const runtimes = await readdir(path.join(this.dir, phase)).catch(() => [] as string[]);
      for (const runtime of runtimes.filter((n) => !n.startsWith('.')).sort()) {
        const file = path.join(this.dir, phase, runtime, SNAPSHOT_FILE);
        const text = await readFile(file, 'utf8').catch(() => undefined);
        if (text === undefined) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          problems.push(`${file} is not valid JSON; ignored`);
          continue;
        }
        if (isSnapshot(parsed)) snapshots.push(parsed);
        else problems.push(`${file} is not a snapshot this version of stagebisect reads; ignored`);
      }
    }
    snapshots.sort((a, b) => a.phase.index - b.phase.index || compareRuntimeLabels(a.runtime, b.runtime));
    return { snapshots, problems };
  }

  /** A kept context file's bytes, checked against its hash; undefined when it is missing or altered. */
  async fileBytes(hash: string): Promise<Buffer | undefined> {
    const bytes = await readFile(this.blobOf(hash)).catch(() => undefined);
    return bytes && sha256(bytes) === hash ? bytes : undefined;
  }
}
