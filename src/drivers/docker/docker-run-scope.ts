// One run on the engine: its private network and every cell opened in it, all removed by close().
import type Docker from 'dockerode';
import type { CellNeeds, CellScope, RunScope } from '../driver.js';
import { DockerCellScope, type RunContext } from './docker-cell-scope.js';
import { engineError } from './engine-errors.js';
import { removeAll } from './remove-all.js';
import { engineName, runLabels } from './run-labels.js';

export class DockerRunScope implements RunScope {
  private readonly cells = new Set<DockerCellScope>();
  private readonly context: RunContext;
  private network: Promise<string> | undefined;

  constructor(
    private readonly docker: Docker,
    readonly runId: string,
    project?: string,
  ) {
    this.context = {
      docker,
      runId,
      network: engineName('stagebisect', runId),
      ensureNetwork: () => this.ensureNetwork(),
      labels: runLabels(runId, Date.now(), project),
    };
  }

  /**
   * The run's private network, created on first need: a cell with services starts it while its image
   * builds, and a cell without services never pays for one. A failure surfaces as an InfraError there.
   */
  private ensureNetwork(): Promise<string> {
    const { network, labels } = this.context;
    this.network ??= this.docker
      .createNetwork({ Name: network, Driver: 'bridge', Labels: labels, CheckDuplicate: true })
      .then(
        (created) => created.id,
        (error: unknown) => {
          throw engineError(`create the run's network ${network}`, error);
        },
      );
    return this.network;
  }

  openCell(name: string, needs: CellNeeds = { services: true }): CellScope {
    const cell = new DockerCellScope(this.context, name, needs, (disposed) => this.cells.delete(disposed));
    this.cells.add(cell);
    return cell;
  }

  async close(): Promise<void> {
    const cells = [...this.cells];
    this.cells.clear();
    const results = await Promise.allSettled(cells.map((c) => c.dispose()));
    const networkId = await this.network?.catch(() => undefined);
    if (networkId) await removeAll('networks', [() => this.context.docker.getNetwork(networkId).remove()]);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
