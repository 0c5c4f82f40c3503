// One run on the engine: its private network and every cell opened in it, all removed by close().
import type Docker from 'dockerode';
import type { CellScope, RunScope } from '../driver.js';
import { DockerCellScope, type RunContext } from './docker-cell-scope.js';
import { engineError } from './engine-errors.js';
import { removeAll } from './remove-all.js';
import { engineName, runLabels } from './run-labels.js';

export class DockerRunScope implements RunScope {
  private readonly cells = new Set<DockerCellScope>();

  private constructor(private readonly context: RunContext) {}

  get runId(): string {
    return this.context.runId;
  }

  /**
   * The network is created in the background: the first image build overlaps it, and the first container
   * waits for it. A failure to create it surfaces there, as an InfraError.
   */
  static open(docker: Docker, runId: string): DockerRunScope {
    const labels = runLabels(runId, Date.now());
    const network = engineName('stagebisect', runId);
    const networkReady = docker
      .createNetwork({ Name: network, Driver: 'bridge', Labels: labels, CheckDuplicate: true })
      .then(
        (created) => created.id,
        (error: unknown) => {
          throw engineError(`create the run's network ${network}`, error);
        },
      );
    networkReady.catch(() => undefined);
    return new DockerRunScope({ docker, runId, network, networkReady, labels });
  }

  openCell(name: string): CellScope {
    const cell = new DockerCellScope(this.context, name, (disposed) => this.cells.delete(disposed));
    this.cells.add(cell);
    return cell;
  }

  async close(): Promise<void> {
    const cells = [...this.cells];
    this.cells.clear();
    const results = await Promise.allSettled(cells.map((c) => c.dispose()));
    const networkId = await this.context.networkReady.catch(() => undefined);
    if (networkId) await removeAll('networks', [() => this.context.docker.getNetwork(networkId).remove()]);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
