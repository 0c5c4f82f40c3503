// The private networks of one run. A cell with services leases one for its life: services are reached by
// their names (`postgres`), so two cells running at once must never share a network; a cell that ends
// returns its network for the next one, so a run that goes one cell at a time makes exactly one.
import type Docker from 'dockerode';
import { engineError } from './engine-errors.js';
import { removeAll } from './remove-all.js';
import { engineName } from './run-labels.js';

export interface NetworkLease {
  readonly name: string;
  /** Resolves with the network's id once it exists; rejects with an InfraError when it cannot be made. */
  readonly ready: Promise<string>;
  /** Gives the network back; only after every container of the cell on it is removed. */
  release(): void;
}

export class NetworkPool {
  private readonly idle: { name: string; ready: Promise<string> }[] = [];
  private readonly made: { name: string; ready: Promise<string> }[] = [];

  constructor(
    private readonly docker: Docker,
    private readonly runId: string,
    private readonly labels: Readonly<Record<string, string>>,
  ) {}

  lease(): NetworkLease {
    const network = this.idle.pop() ?? this.create();
    let released = false;
    return {
      ...network,
      release: () => {
        if (released) return;
        released = true;
        this.idle.push(network);
      },
    };
  }

  private create(): { name: string; ready: Promise<string> } {
    const name = engineName(
      'stagebisect',
      this.runId,
      ...(this.made.length ? [String(this.made.length)] : []),
    );
    const ready = this.docker
      .createNetwork({ Name: name, Driver: 'bridge', Labels: { ...this.labels }, CheckDuplicate: true })
      .then(
        (created) => created.id,
        (error: unknown) => {
          throw engineError(`create the run's network ${name}`, error);
        },
      );
    // A failure surfaces where a container needs the network, not here.
    ready.catch(() => undefined);
    const network = { name, ready };
    this.made.push(network);
    return network;
  }

  /** Removes every network the run made. */
  async close(): Promise<void> {
    const ids = await Promise.all(this.made.map((n) => n.ready.catch(() => undefined)));
    this.made.length = 0;
    this.idle.length = 0;
    await removeAll(
      'networks',
      ids
        .filter((id): id is string => id !== undefined)
        .map((id) => () => this.docker.getNetwork(id).remove()),
    );
  }
}
