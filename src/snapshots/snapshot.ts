// A snapshot: the record of a configuration that passed, as it really ran (installed versions read from
// the image, not the versions declared), enough to show it, diff it, restore it and deploy it. Plain,
// versioned data; a secret's value is never part of it.
import type { CheckKind, CheckStatus, Layer, ServiceKind, StackName } from '../model.js';
import type { ImageRef } from '../recipes/recipe.js';

/** Bumped when a field changes meaning; readers refuse other versions. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

export interface PackageVersion {
  readonly name: string;
  readonly version: string;
}

/** A Python distribution the image has, as `pip freeze` lists it, and what installed it. */
export interface PythonDistribution extends PackageVersion {
  /** `pip`, `debian` (Debian's python3-* packages), or empty when the distribution does not say. */
  readonly installer: string;
}

/**
 * Where an app's env value comes from. `literal`: written in a phase file; `service`: a service's
 * attribute (`${services.postgres.url}`); `random`: made up per run (`${random.secret}`); `secret`: a
 * declared secret, read from the environment stagebisect runs in.
 */
export type EnvSource = 'literal' | 'service' | 'random' | 'secret';

export interface SnapshotEnv {
  readonly name: string;
  /** The phase (layer) that introduced it. */
  readonly layer: string;
  readonly source: EnvSource;
  /** Named like a secret, or declared one: its value is never recorded. */
  readonly secret: boolean;
  /** A literal's value (not for secrets; credentials in URLs masked), or the reference as written. */
  readonly value?: string;
  /** `service` only: the service and the attribute it gives. */
  readonly service?: { readonly name: string; readonly kind: ServiceKind; readonly attribute: string };
  /** Whether a host must be given this value by hand (declared secrets, keys of services). */
  readonly byHand: boolean;
}

export interface SnapshotService {
  readonly name: string;
  readonly kind: ServiceKind;
  readonly image: ImageRef;
  /** As the running service reported it (`postgres --version`), or null when it cannot say. */
  readonly version: string | null;
  readonly port: number;
}

export interface SnapshotCheck {
  readonly label: string;
  readonly kind: CheckKind;
  /** The phase whose file declared it. */
  readonly phase: string;
  readonly status: CheckStatus;
  readonly durationMs: number;
  /** http checks: how long the answering request took. */
  readonly latencyMs?: number;
  /** http checks: what a person runs to verify it. */
  readonly http?: {
    readonly method: string;
    readonly path: string;
    readonly status: number;
    readonly body?: string;
    readonly requestBody?: string;
    readonly headers: Readonly<Record<string, string>>;
    /** How long the check may wait in all. */
    readonly timeoutMs: number;
  };
}

/** One entry of the build context, as the recipe held it. */
export interface SnapshotFile {
  readonly path: string;
  readonly sha256: string;
  readonly mode: number;
  readonly kind: 'file' | 'symlink' | 'tree';
  /** A symbolic link's target. */
  readonly target?: string;
}

/** What each layer declared: what restore pins and what a diff compares. */
export type SnapshotLayer = Pick<
  Layer,
  'index' | 'name' | 'description' | 'file' | 'apt' | 'pip' | 'requirements' | 'npm'
>;

/** A layer as a snapshot records it: its declarations, without the files it selects. */
export function snapshotLayer(layer: Layer): SnapshotLayer {
  const { index, name, description, file, apt, pip, requirements, npm } = layer;
  return { index, name, description, file, apt, pip, requirements, npm };
}

export interface Snapshot {
  readonly schemaVersion: number;
  readonly project: string;
  readonly stack: StackName;
  readonly phase: { readonly name: string; readonly index: number; readonly description: string };
  readonly runtime: string;
  /** The cell's key: the hash of its recipe. */
  readonly key: string;
  readonly runId: string;
  /** When the cell passed (its verdict's date). */
  readonly date: string;
  /** `stagebisect@VERSION` */
  readonly tool: string;
  /** The commit the context was at and whether it had uncommitted changes; null outside git. */
  readonly git: { readonly commit: string | null; readonly dirty: boolean } | null;
  /** What the app container reported (`python3 -V`, `node -v`), and the version read from it. */
  readonly runtimeVersion: { readonly reported: string; readonly version: string } | null;
  readonly runtimeImage: ImageRef;
  readonly dockerfile: string;
  /** The exact start command, run with `sh -c`. */
  readonly start: string;
  readonly port: number;
  readonly memoryBytes: number | null;
  readonly build?: string;
  readonly release?: string;
  readonly layers: readonly SnapshotLayer[];
  /** The dependency set as the image really had it. */
  readonly packages: {
    /** Installed versions of the Debian packages the layers declare (`dpkg-query -W`). */
    readonly apt: readonly PackageVersion[];
    /** Python: every distribution, as `pip freeze` lists them; null for other stacks. */
    readonly python: readonly PythonDistribution[] | null;
    /** Node: the resolved tree as package-lock.json text, when the stack made one. */
    readonly lockfile: string | null;
  };
  readonly files: readonly SnapshotFile[];
  readonly services: readonly SnapshotService[];
  readonly env: readonly SnapshotEnv[];
  readonly checks: readonly SnapshotCheck[];
  /** What could not be read from the running cell (a probe that failed), so a reader knows. */
  readonly notes: readonly string[];
  /**
   * Set when this layer was not run as an image of its own but proven inside a later layer's passing
   * cell: phases are cumulative, that image starts with exactly this one's instructions and ran this
   * layer's checks. Its versions are read from that image.
   */
  readonly provenBy?: { readonly phase: string; readonly index: number; readonly key: string };
}
