// Output of one container as it arrives: kept for matching and reports, observable by waiters.
import { AnsiStripper } from '../text/strip-ansi.js';

/** Bound on retained text: a chatty app must not grow the process without limit. */
const MAX_RETAINED = 2 * 1024 * 1024;

export class LogBuffer {
  private retained = '';
  private readonly listeners = new Set<() => void>();
  // Colour codes are dropped as the text arrives: checks, diagnoses, log tails and JSON all read plain text.
  private readonly plain = new AnsiStripper();

  append(chunk: string): void {
    const text = this.plain.push(chunk);
    if (text === '') return;
    this.retained += text;
    if (this.retained.length > MAX_RETAINED) this.retained = this.retained.slice(-MAX_RETAINED);
    for (const listener of this.listeners) listener();
  }

  text(): string {
    return this.retained;
  }

  /** The last `count` lines, without a trailing empty line. */
  tail(count: number): string[] {
    const lines = this.retained.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines.slice(-count);
  }

  /** Calls `listener` after every append; returns the function that stops it. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
