// The labels that tie every container, network and image tag to its run and project, and the names
// derived from them.
import os from 'node:os';
import { HOST_LABEL, PID_LABEL, PROJECT_LABEL, RUN_LABEL, STARTED_LABEL } from '../driver.js';

export function runLabels(runId: string, startedMs: number, project?: string): Record<string, string> {
  return {
    [RUN_LABEL]: runId,
    ...(project ? { [PROJECT_LABEL]: project } : {}),
    [PID_LABEL]: String(process.pid),
    [HOST_LABEL]: os.hostname(),
    [STARTED_LABEL]: String(Math.round(startedMs)),
  };
}

/** A name the engine accepts for containers and networks. */
export function engineName(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}
