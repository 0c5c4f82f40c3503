// One run on the engine: its private networks and every cell opened in it, all removed by close().
import type Docker from 'dockerode';
import type { CellNeeds, CellScope, RunScope } from '../driver.js';
import { DockerCellScope, type RunContext } from './docker-cell-scope.js';
import { NetworkPool } from './network-pool.js';
import { remoteEngineHost } from './engine-location.js';
import { runLabels } from './run-labels.js';

export class DockerRunScope implements RunScope {
  private readonly cells = new Set<DockerCellScope>();
  private readonly context: RunContext;

  constructor(
    docker: Docker,
    readonly runId: string,
    project?: string,
  ) {
    const labels = runLabels(runId, Date.now(), project);
    const remoteHost = remoteEngineHost(docker);
    this.context = {
      docker,
      runId,
      networks: new NetworkPool(docker, runId, labels),
      labels,
      ...(remoteHost ? { remoteHost } : {}),
    };
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
    await this.context.networks.close();
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
