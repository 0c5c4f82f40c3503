// What a passing cell's snapshot reads from its running containers before they are removed: the app
// image's runtime version and installed packages, and each service's version. A few execs, run at once,
// only for passing cells; a probe that fails leaves a note, never a failed cell.
import type { ContainerHandle } from '../drivers/driver.js';
import { isInterrupted } from '../errors.js';
import type { Cell } from '../model.js';
import { serviceDefinition } from '../services/service-definitions.js';
import { parseImageFacts, type ImageFacts } from '../stacks/image-facts.js';
import { stackFor } from '../stacks/stacks.js';
import type { StartedServices } from './start-services.js';

export interface CellFacts extends ImageFacts {
  /** By service name: the version it reported, or null. */
  readonly services: Readonly<Record<string, string | null>>;
  /** What could not be read, in a sentence each. */
  readonly notes: readonly string[];
}

const PROBE_TIMEOUT_MS = 15_000;

/** The first version-looking number in a line such as `postgres (PostgreSQL) 17.12 (Debian …)`. */
export function versionIn(text: string): string | null {
  return text.match(/\d+\.\d+(?:\.\d+)?/)?.[0] ?? null;
}

async function run(
  handle: ContainerHandle,
  argv: readonly string[],
  signal: AbortSignal,
): Promise<{ output: string } | { problem: string }> {
  try {
    const result = await handle.exec(argv, { timeoutMs: PROBE_TIMEOUT_MS, signal });
    if (result.timedOut) return { problem: `timed out after ${PROBE_TIMEOUT_MS / 1000} s` };
    if (result.exitCode !== 0)
      return { problem: `exited ${result.exitCode}: ${result.output.trim().slice(-200)}` };
    return { output: result.output };
  } catch (error) {
    if (isInterrupted(error)) throw error;
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

export async function gatherFacts(
  cell: Cell,
  app: ContainerHandle,
  services: StartedServices | undefined,
  signal: AbortSignal,
): Promise<CellFacts> {
  const notes: string[] = [];
  const apt = cell.phase.layers.flatMap((l) => l.apt);
  const probed = cell.phase.services.map(async (spec): Promise<[string, string | null]> => {
    const argv = serviceDefinition(spec.kind).versionArgv;
    const handle = services?.handles[spec.name];
    if (!argv || !handle) return [spec.name, null];
    const outcome = await run(handle, argv, signal);
    if ('problem' in outcome) {
      notes.push(
        `the version of service ${spec.name} could not be read (${argv.join(' ')} ${outcome.problem})`,
      );
      return [spec.name, null];
    }
    return [spec.name, versionIn(outcome.output)];
  });
  const [image, ...versions] = await Promise.all([
    run(app, stackFor(cell.project.stack).factsArgv(apt), signal),
    ...probed,
  ]);
  let facts: ImageFacts = { runtime: null, apt: [], python: null };
  if ('problem' in image!) notes.push(`the app image's versions could not be read (${image.problem})`);
  else facts = parseImageFacts(image!.output);
  if (!('problem' in image!) && !facts.runtime) notes.push('the runtime did not report its version');
  return { ...facts, services: Object.fromEntries(versions as [string, string | null][]), notes };
}
