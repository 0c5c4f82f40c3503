// What a CLI process left on the engine: containers, networks and image tags labelled with its pid.
import { execa } from 'execa';

export interface Leftovers {
  readonly containers: readonly string[];
  readonly networks: readonly string[];
  /** Tagged images only; untagged build-cache layers are `gc --cache`'s business. */
  readonly imageTags: readonly string[];
}

async function lines(argv: readonly string[]): Promise<string[]> {
  const { stdout } = await execa('docker', argv);
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Containers labelled `key=value` (or just `key`), running or not, by name. */
export function labelledContainers(label: string): Promise<string[]> {
  return lines(['ps', '-a', '--filter', `label=${label}`, '--format', '{{.Names}}']);
}

export function labelledNetworks(label: string): Promise<string[]> {
  return lines(['network', 'ls', '--filter', `label=${label}`, '--format', '{{.Name}}']);
}

export async function labelledImageTags(label: string): Promise<string[]> {
  const refs = await lines(['images', '--filter', `label=${label}`, '--format', '{{.Repository}}:{{.Tag}}']);
  return refs.filter((ref) => !ref.includes('<none>'));
}

/** Everything still on the engine that the CLI process `pid` created (it labels all of it `stagebisect.pid`). */
export async function leftoversOf(pid: number): Promise<Leftovers> {
  const label = `stagebisect.pid=${pid}`;
  const [containers, networks, imageTags] = await Promise.all([
    labelledContainers(label),
    labelledNetworks(label),
    labelledImageTags(label),
  ]);
  return { containers, networks, imageTags };
}

export const NOTHING_LEFT: Leftovers = { containers: [], networks: [], imageTags: [] };

/**
 * The CLI processes a test file spawned, so that it can assert in afterAll that none of them left anything,
 * without looking at what concurrent test files have on the same engine.
 */
export class RunLedger {
  private readonly pids = new Set<number>();

  record<T extends { readonly pid: number }>(run: T): T {
    this.pids.add(run.pid);
    return run;
  }

  /** Only the pids that left something, so that `toEqual({})` names the culprits when it fails. */
  async leftovers(): Promise<Record<number, Leftovers>> {
    const found: Record<number, Leftovers> = {};
    for (const pid of this.pids) {
      const left = await leftoversOf(pid);
      if (left.containers.length || left.networks.length || left.imageTags.length) found[pid] = left;
    }
    return found;
  }
}

/** The value of label `key` on every container and network labelled `label`, each value once; '' for none. */
export async function labelValues(label: string, key: string): Promise<string[]> {
  // Each line starts with a marker, so that a resource without the label still prints a line.
  const format = `value:{{.Label "${key}"}}`;
  const listed = await Promise.all([
    lines(['ps', '-a', '--filter', `label=${label}`, '--format', format]),
    lines(['network', 'ls', '--filter', `label=${label}`, '--format', format]),
  ]);
  return [...new Set(listed.flat().map((line) => line.slice('value:'.length)))].sort();
}
