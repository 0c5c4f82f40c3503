// Progress as plain lines, for CI logs and pipes: one line per finished step, none redrawn.
import type { RunEvent, StepStatus } from '../engine/events.js';
import type { Cell } from '../model.js';
import { formatDuration } from './format-duration.js';
import type { MatrixListener } from '../engine/run-matrix.js';
import type { ConcurrentUnit, Progress } from './progress.js';
import { MARK } from './symbols.js';

const STATUS_MARK: Readonly<Record<StepStatus, string>> = {
  pass: MARK.pass,
  fail: MARK.fail,
  skip: MARK.skip,
  error: MARK.error,
};
/** Output lines worth a line in a CI log: our own announcements and the build's step headers. */
const MILESTONE = /…$|^Step \d+\/\d+ :/;
/** Steps slow enough that a log should say when they begin. */
const ANNOUNCED = new Set(['image', 'build', 'release']);
/** Our own lines within a step worth a line in a CI log: announcements, and a dependency tree reused. */
const OWN_LINE = /…$|^dependency tree \S+ \(cached\)$/;

export class PlainProgress implements Progress {
  private readonly titles = new Map<string, string>();
  /** While cells run at once, their steps would interleave: only warnings are written then. */
  private quiet = false;

  constructor(private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  async cell<T>(_cell: Cell, title: string, work: () => Promise<T>): Promise<T> {
    this.write(`${MARK.arrow} ${title}`);
    return work();
  }

  async concurrent<T>(
    title: string,
    units: readonly ConcurrentUnit[],
    work: (listener: MatrixListener) => Promise<T>,
  ): Promise<T> {
    this.write(`${MARK.arrow} ${title}`);
    const started = new Map<string, number>();
    const titles = new Map(units.map((u) => [u.id, u.title]));
    const quiet = this.quiet;
    this.quiet = true;
    try {
      return await work({
        start: (id) => {
          started.set(id, performance.now());
          this.write(`  … ${titles.get(id) ?? id}`);
        },
        update: (id, detail) => this.write(`    ${id}: ${detail}`),
        end: (id, status, detail) => {
          const ms = performance.now() - (started.get(id) ?? performance.now());
          const mark = status === 'skip' ? MARK.skip : STATUS_MARK[status];
          this.write(`  ${mark} ${id}: ${detail} (${formatDuration(ms)})`);
        },
      });
    } finally {
      this.quiet = quiet;
    }
  }

  async task<T>(title: string, work: (output: (line: string) => void) => Promise<T>): Promise<T> {
    this.write(`${MARK.arrow} ${title}`);
    const started = performance.now();
    try {
      const result = await work((line) => {
        if (MILESTONE.test(line)) this.write(`    ${line}`);
      });
      this.write(`  ${MARK.pass} ${title} (${formatDuration(performance.now() - started)})`);
      return result;
    } catch (error) {
      this.write(`  ${MARK.fail} ${title}: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  event(event: RunEvent): void {
    if (event.type === 'warning') this.write(`  ${MARK.warning} ${event.message}`);
    if (this.quiet) return;
    // Within a cell only our own announcements (a pull, an image being made), not every build step.
    if (event.type === 'step-output' && OWN_LINE.test(event.line)) this.write(`    ${event.line}`);
    if (event.type === 'step-start') {
      this.titles.set(`${event.cell}/${event.step}`, event.title);
      if (ANNOUNCED.has(event.step)) this.write(`  … ${event.title}`);
    }
    if (event.type === 'step-end') {
      const title = this.titles.get(`${event.cell}/${event.step}`) ?? event.step;
      const detail = event.detail.split('\n')[0];
      this.write(`  ${STATUS_MARK[event.status]} ${title}: ${detail} (${formatDuration(event.durationMs)})`);
    }
  }

  note(message: string): void {
    this.write(message);
  }
}
