// Splits Docker's multiplexed stdout/stderr frames (8-byte headers) into text, in arrival order.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

/** Feeds every frame's text to `onText`; resolves when the stream ends or fails. */
export function demuxInto(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onText: (text: string) => void,
): Promise<void> {
  const sink = new PassThrough();
  sink.setEncoding('utf8');
  sink.on('data', (chunk: string) => onText(chunk));
  docker.modem.demuxStream(stream, sink, sink);
  return new Promise((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
}
