// A phase's release command (`release:` — migrations, as a host's pre-deploy command or release phase runs
// them): once, in a fresh container of the app's image, with the phase's env and its services ready, after
// the image is built and before the app starts. Any stack: `npm run migrate`, `python3 manage.py migrate`.
import type { CellScope } from '../drivers/driver.js';
import type { Cell, ExitInfo } from '../model.js';

/** How long a release may run: migrations can be slow, but a hung one must still end the cell. */
export const RELEASE_TIMEOUT_MS = 10 * 60_000;

export interface ReleaseRun {
  readonly command: string;
  readonly exitCode: number;
  readonly oomKilled: boolean;
  readonly timedOut: boolean;
  /** Everything it printed. */
  readonly output: string;
  readonly durationMs: number;
}

export async function runRelease(
  cell: Cell,
  scope: CellScope,
  image: string,
  env: Readonly<Record<string, string>>,
  signal: AbortSignal,
  timeoutMs = RELEASE_TIMEOUT_MS,
): Promise<ReleaseRun> {
  const command = cell.phase.release ?? '';
  const result = await scope.runOnce(
    {
      role: 'release',
      image,
      command: ['sh', '-c', command],
      env,
      ...(cell.project.memoryBytes ? { memoryBytes: cell.project.memoryBytes } : {}),
    },
    timeoutMs,
    signal,
  );
  return {
    command,
    exitCode: result.exitCode,
    oomKilled: result.oomKilled,
    timedOut: result.timedOut,
    output: result.output,
    durationMs: Math.round(result.durationMs),
  };
}

/** Why the release failed the phase, in one sentence; undefined when it succeeded. */
export function releaseFailure(release: ReleaseRun): string | undefined {
  if (release.timedOut) {
    return `the release command \`${release.command}\` did not finish within ${RELEASE_TIMEOUT_MS / 60_000} minutes`;
  }
  if (release.exitCode === 0) return undefined;
  const killed = release.oomKilled ? ', killed for lack of memory' : '';
  return `the release command \`${release.command}\` exited with code ${release.exitCode}${killed}`;
}

/** A failed release's exit, which a diagnosis reads as the app's (no app ran after it). */
export function releaseExit(release: ReleaseRun | undefined): ExitInfo | undefined {
  if (!release || releaseFailure(release) === undefined || release.timedOut) return undefined;
  return { code: release.exitCode, oomKilled: release.oomKilled };
}
