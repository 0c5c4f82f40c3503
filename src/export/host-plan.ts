// Pure: what every host's config file says about a snapshot, worked out once: the start, build and release
// commands, the health check, the runtime to pin, the env by what the host needs, and the pinned
// requirements. Each host's renderer only writes this in its own format.
import { normalizePythonName } from '../snapshots/pin-dockerfile.js';
import type { Snapshot, SnapshotEnv } from '../snapshots/snapshot.js';

/** The file of pinned Python requirements an export writes: never the user's own requirements.txt. */
export const REQUIREMENTS_FILE = 'requirements-stagebisect.txt';

/** Tools of the image itself, not of the app. */
const PYTHON_TOOLS = new Set(['pip', 'setuptools', 'wheel']);

export interface HostPlan {
  readonly name: string;
  readonly language: 'python' | 'node';
  /** The exact version the app container reported (3.13.5, 22.23.0). */
  readonly version: string;
  readonly port: number;
  readonly start: string;
  readonly build: string;
  readonly release?: string;
  /** The first http GET check expecting a 2xx: what a host polls. */
  readonly health: { readonly path: string; readonly timeoutS: number } | null;
  /** Literal, non-secret values a config file may carry. */
  readonly values: readonly { readonly name: string; readonly value: string }[];
  /** Values a person sets on the host (secrets, services' URLs and keys); never their values. */
  readonly unset: readonly SnapshotEnv[];
  /** Made up per run here: the host generates one. */
  readonly generated: readonly string[];
  /** Pinned requirements (python), or null. */
  readonly requirements: string | null;
  /** First line of every file written: where it came from. */
  readonly origin: string;
}

export function hostPlan(snapshot: Snapshot): HostPlan {
  const language = snapshot.stack;
  const version = snapshot.runtimeVersion?.version ?? snapshot.runtime.split('@')[1] ?? '';
  const health = snapshot.checks.find(
    (c) => c.http && c.http.method === 'GET' && c.http.status >= 200 && c.http.status < 300,
  )?.http;
  const distributions = (snapshot.packages.python ?? []).filter(
    (p) => !PYTHON_TOOLS.has(normalizePythonName(p.name)),
  );
  const origin = `Written by stagebisect from the snapshot of ${snapshot.phase.name} on ${snapshot.runtime} (key ${snapshot.key.slice(0, 12)}, passed ${snapshot.date}).`;
  const requirements =
    language === 'python'
      ? [
          `# ${origin}`,
          '# Every distribution the image had, at the version it had.',
          ...distributions.map((p) => `${p.name}==${p.version}`),
          '',
        ].join('\n')
      : null;
  const install = language === 'python' ? `pip install -r ${REQUIREMENTS_FILE}` : 'npm ci';
  return {
    name: snapshot.project,
    language,
    version,
    port: snapshot.port,
    start: snapshot.start,
    build: snapshot.build ? `${install} && ${snapshot.build}` : install,
    ...(snapshot.release ? { release: snapshot.release } : {}),
    // A host waits for the first healthy answer at least as long as the check did here.
    health: health
      ? { path: health.path, timeoutS: Math.max(30, Math.ceil((health.timeoutMs || 0) / 1000)) }
      : null,

    values: snapshot.env
      .filter((e) => e.source === 'literal' && !e.secret && e.value !== undefined)
      .map((e) => ({ name: e.name, value: e.value! })),
    unset: snapshot.env.filter(
      (e) => e.source === 'secret' || e.source === 'service' || (e.source === 'literal' && e.secret),
    ),
    generated: snapshot.env.filter((e) => e.source === 'random').map((e) => e.name),
    requirements,
    origin,
  };
}

/** The env variable a host reads the runtime's version from. */
export function versionVariable(plan: HostPlan): string {
  return plan.language === 'python' ? 'PYTHON_VERSION' : 'NODE_VERSION';
}

/** The version file every host reads: `.python-version` or `.node-version`. */
export function versionFile(plan: HostPlan): { readonly path: string; readonly content: string } {
  return {
    path: plan.language === 'python' ? '.python-version' : '.node-version',
    content: `${plan.version}\n`,
  };
}
