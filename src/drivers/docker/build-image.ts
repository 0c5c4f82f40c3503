// Builds one image from a tar context with the classic builder, keeping the output for the report and
// telling a failing build step (the project's problem) from the engine's own trouble.
import type Docker from 'dockerode';
import { InfraError, InterruptedError } from '../../errors.js';
import { stripAnsi } from '../../text/strip-ansi.js';
import type { BuildOutcome } from '../driver.js';
import { engineError } from './engine-errors.js';
import { followStream, type EngineEvent } from './follow-stream.js';

export interface BuildOptions {
  /** Absent for app images, which live on as untagged layer cache. */
  readonly tag?: string;
  readonly buildArgs?: Readonly<Record<string, string>>;
}

const BASE_IMAGE_MISSING =
  /pull access denied|manifest unknown|not found: manifest|repository does not exist|No such image|failed to resolve|toomanyrequests|unauthorized/i;

function lines(text: string): string[] {
  // The classic builder colours every stderr chunk (ESC[91m ... ESC[0m), even mid-line.
  return stripAnsi(text)
    .replace(/\r/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

export async function buildImage(
  docker: Docker,
  context: NodeJS.ReadableStream,
  options: BuildOptions,
  onOutput: (line: string) => void,
  signal: AbortSignal,
): Promise<BuildOutcome> {
  const what = options.tag ?? 'the app image';
  const output: string[] = [];
  const emit = (text: string): void => {
    for (const line of lines(text)) {
      output.push(line);
      onOutput(line);
    }
  };
  // A step's output arrives in chunks that may end mid-line (apt's "E: " and "Unable to locate package x"
  // can come as two events): a line is complete at its newline, or when the stream ends.
  let partial = '';
  const flush = (): void => {
    emit(partial);
    partial = '';
  };
  const record = (event: EngineEvent): void => {
    if (event.stream === undefined) {
      flush();
      emit(event.error ?? event.status ?? '');
      return;
    }
    const text = partial + event.stream;
    const cut = text.lastIndexOf('\n');
    partial = text.slice(cut + 1);
    if (cut >= 0) emit(text.slice(0, cut));
  };
  // A context file that cannot be read (permissions, a file removed mid-walk) ends the upload: that is
  // the project's problem, reported as a failed build, and the stream's error must not go unheard.
  let contextError: Error | undefined;
  context.on('error', (error: Error) => (contextError = error));
  const unreadable = (): BuildOutcome => ({
    ok: false,
    message: `could not read the build context: ${contextError?.message}`,
    output,
  });
  let events: EngineEvent[];
  try {
    const stream = await docker.buildImage(context, {
      ...(options.tag ? { t: options.tag } : {}),
      buildargs: options.buildArgs ?? {},
      rm: true,
      forcerm: true,
      abortSignal: signal,
    } as Docker.ImageBuildOptions);
    events = await followStream(docker, stream, record, signal);
    flush();
  } catch (error) {
    if (signal.aborted) throw new InterruptedError();
    if (contextError) return unreadable();
    throw engineError(`build ${what}`, error);
  }
  if (contextError) return unreadable();
  const failure = events.find((e) => e.error !== undefined);
  if (!failure) {
    const id = events.map((e) => e.aux?.ID).find((x) => x !== undefined);
    // The classic builder names the image in an aux event; older engines only print "Successfully built".
    const built = id ?? /^Successfully built ([0-9a-f]+)/m.exec(output.join('\n'))?.[1] ?? options.tag;
    if (!built) throw engineError(`build ${what}`, new Error('the engine did not name the image it built'));
    return { ok: true, imageId: built, output };
  }
  const message = (failure.errorDetail?.message ?? failure.error ?? '').trim();
  if (/no space left on device/i.test(message)) {
    throw new InfraError(
      'disk-full',
      `The engine ran out of disk space while building ${what}.`,
      'free disk space (`docker system prune`), then run again',
    );
  }
  if (failure.errorDetail?.code === undefined && BASE_IMAGE_MISSING.test(message)) {
    throw new InfraError(
      'image-unavailable',
      `The base image of ${what} is not available: ${message}`,
      'build the local images (`stagebisect images build`) or check the registry',
      { cause: message },
    );
  }
  return { ok: false, message, output };
}
