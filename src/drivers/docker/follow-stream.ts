// Reads the JSON event stream of a build, pull or import to its end, turning aborts into InterruptedError.
import type Docker from 'dockerode';
import { InterruptedError } from '../../errors.js';

export interface EngineEvent {
  readonly stream?: string;
  readonly status?: string;
  readonly progress?: string;
  readonly id?: string;
  readonly error?: string;
  readonly errorDetail?: { readonly code?: number; readonly message?: string };
  readonly aux?: { readonly ID?: string };
}

/**
 * Resolves with every event once the stream ends. dockerode's followProgress reports a failed build step
 * only inside the events (not as an error), so callers must inspect them.
 */
export function followStream(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onEvent: (event: EngineEvent) => void,
  signal: AbortSignal,
): Promise<EngineEvent[]> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      reject(new InterruptedError());
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: EngineEvent[]) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) return;
        if (error) reject(error);
        else resolve(events);
      },
      onEvent,
    );
  });
}
