// Whether the process that started a run is still alive, so that gc never removes a live run's resources.
import { readFileSync } from 'node:fs';
import os from 'node:os';

function bootTimeMs(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('btime '));
    return line ? Number(line.split(' ')[1]) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Start time of a process in ms since the epoch, from /proc (Linux); undefined when it does not exist. */
function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) comes after the parenthesised command name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const boot = bootTimeMs();
    return boot === undefined ? undefined : boot + (ticks * 1000) / 100;
  } catch {
    return undefined;
  }
}

export interface RunOwner {
  readonly pid: number;
  readonly host: string;
  /** When the run started, ms since the epoch. */
  readonly startedMs: number;
}

/**
 * A run is alive when its process exists on this host and started before the run did (a recycled pid
 * started later). Runs of other hosts are taken as alive: we cannot see their processes.
 */
export function isRunAlive(owner: RunOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  const started = processStartMs(owner.pid);
  if (started === undefined) {
    try {
      process.kill(owner.pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return started <= owner.startedMs + 2000;
}
