// One run of the FakeDriver: its cells, the network a cell with services makes, and whether the process
// that opened it lives; what it holds is removed on close, or by gc once its owner is gone.
import type { CellNeeds, CellScope, RunScope } from '../../src/drivers/driver.js';
import { FakeCellScope } from './fake-cell-scope.js';
import type { FakeDriver } from './fake-driver.js';

/** What a run holds on the fake engine, by name. */
export interface FakeRunHoldings {
  readonly containers: readonly string[];
  readonly networks: readonly string[];
  /** The project each of them carries; '' for one that carries none. */
  readonly projects: readonly string[];
}

export class FakeRunScope implements RunScope {
  closed = false;
  /** Whether the process that opened it still lives; `FakeDriver.crash` ends it. */
  ownerAlive = true;
  readonly cells: FakeCellScope[] = [];
  private network: string | undefined;

  constructor(
    readonly runId: string,
    private readonly driver: FakeDriver,
    readonly project?: string,
  ) {}

  openCell(name: string, needs?: CellNeeds): CellScope {
    if (this.closed) throw new Error(`run ${this.runId} was used after it was closed`);
    const cell = new FakeCellScope(name, this.driver, this, needs);
    this.cells.push(cell);
    this.driver.openCells += 1;
    this.driver.peakOpenCells = Math.max(this.driver.peakOpenCells, this.driver.openCells);
    return cell;
  }

  /** The run's private network, made when a cell with services first needs it, kept until the run ends. */
  holdNetwork(): void {
    this.network ??= `stagebisect-${this.runId}`;
  }

  holdings(): FakeRunHoldings {
    const containers = this.cells.flatMap((cell) => cell.containers.filter((c) => !c.removed));
    const names = containers.map((c) => `${this.runId}/${c.id}`);
    const networks = this.network ? [this.network] : [];
    const count = names.length + networks.length;
    return { containers: names, networks, projects: count > 0 ? [this.project ?? ''] : [] };
  }

  /** Removes everything it holds, whatever its cells did; returns how much there was. */
  release(): { containers: number; networks: number } {
    const containers = this.cells.reduce((sum, cell) => sum + cell.removeContainers(), 0);
    const networks = this.network ? 1 : 0;
    this.network = undefined;
    return { containers, networks };
  }

  async close(): Promise<void> {
    this.closed = true;
    // Cells left undisposed lose their containers, but stay undisposed: `leftovers()` still names them.
    this.release();
    if (this.driver.closeFailure) throw this.driver.closeFailure;
  }
}
