// The session every building command opens: this project's images, the host's inputs, real time, the
// command's signal and progress.
import path from 'node:path';
import type { Driver } from '../drivers/driver.js';
import type { SessionOptions } from '../engine/run-session.js';
import { createImageProvider } from '../images/image-provider.js';
import type { Plan } from '../model.js';
import { hostInputs } from '../recipes/host-inputs.js';
import { DEFAULT_SNAPSHOT_DIR, SnapshotStore } from '../snapshots/snapshot-store.js';
import { systemClock } from '../timing/clock.js';
import type { CommandContext } from './command-context.js';

/** `.stagebisect/snapshots/` beside the project's stagebisect.yaml. */
export function snapshotDir(plan: Plan): string {
  return path.join(path.dirname(plan.configFile), DEFAULT_SNAPSHOT_DIR);
}

export function sessionOptions(plan: Plan, driver: Driver, context: CommandContext): SessionOptions {
  return {
    driver,
    images: createImageProvider(driver, plan),
    host: hostInputs,
    project: plan.name,
    clock: systemClock,
    signal: context.signal,
    emit: (event) => context.progress.event(event),
    hostEnv: context.env,
    snapshots: new SnapshotStore(snapshotDir(plan)),
  };
}
