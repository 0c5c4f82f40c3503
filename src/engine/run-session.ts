// Opens a run (its id, network, made-up credentials), hands it to the caller, and closes it whatever
// happens: the one place a run's resources are created and released.
import { randomBytes } from 'node:crypto';
import type { Driver } from '../drivers/driver.js';
import type { Clock } from '../timing/clock.js';
import type { EventSink } from './events.js';
import type { HostInputs, ImageProvider, RunContext } from './run-context.js';
import type { SnapshotSink } from './snapshot-sink.js';

export interface SessionOptions {
  readonly driver: Driver;
  readonly images: ImageProvider;
  readonly host: HostInputs;
  /** The project the run belongs to: its resources carry its name. */
  readonly project: string;
  /** Told the run's id as soon as it exists, so a report can print it. */
  readonly onRunId?: (runId: string) => void;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly emit: EventSink;
  readonly hostEnv?: Readonly<Record<string, string | undefined>>;
  /** Where passing cells keep their snapshots. */
  readonly snapshots?: SnapshotSink;
}

/** Short, sortable by time, unique enough to tell concurrent runs apart. */
export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export async function withRunSession<T>(
  options: SessionOptions,
  work: (context: RunContext) => Promise<T>,
): Promise<T> {
  const runId = newRunId();
  options.onRunId?.(runId);
  const scope = await options.driver.openRun(runId, options.signal, options.project);
  const context: RunContext = {
    driver: options.driver,
    scope,
    images: options.images,
    host: options.host,
    clock: options.clock,
    signal: options.signal,
    emit: options.emit,
    hostEnv: options.hostEnv ?? process.env,
    credentials: {
      user: 'stagebisect',
      password: randomBytes(12).toString('hex'),
      database: 'app',
      apiKey: `sk-stagebisect-${randomBytes(12).toString('hex')}`,
    },
    randomSecret: randomBytes(24).toString('hex'),
    ...(options.snapshots ? { snapshots: options.snapshots } : {}),
  };
  let failed = true;
  try {
    const result = await work(context);
    failed = false;
    return result;
  } finally {
    // A cleanup failure must not hide the error that ended the run; after success it is the error.
    await scope.close().catch((error: unknown) => {
      if (!failed) throw error;
      options.emit({
        type: 'warning',
        message: `cleanup failed (${String(error)}); run \`stagebisect gc\` to remove what is left`,
      });
    });
  }
}
