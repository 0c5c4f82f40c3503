// One cell's containers and image tag on the engine: every one registered before it starts, all removed
// by dispose() whatever happened, so a failed or interrupted cell leaves nothing behind.
import type Docker from 'dockerode';
import { InterruptedError } from '../../errors.js';
import { raceDeadline } from '../../timing/race-deadline.js';
import type { CellRecipe } from '../../recipes/recipe.js';
import {
  KEY_LABEL,
  PROJECT_LABEL,
  type AppBuild,
  type CellNeeds,
  type CellScope,
  type ContainerHandle,
  type ContainerLaunch,
  type OneShotResult,
} from '../driver.js';
import { buildImage } from './build-image.js';
import { packBuildContext } from './build-context.js';
import { DockerContainer } from './docker-container.js';
import { engineError } from './engine-errors.js';
import { removeAll } from './remove-all.js';
import { withLabels } from './dockerfile-labels.js';
import type { NetworkLease, NetworkPool } from './network-pool.js';
import { engineName } from './run-labels.js';

/** Docker's own bridge: where a cell without services runs, so it needs no network of its own. */
const DEFAULT_NETWORK = 'bridge';

export interface RunContext {
  readonly docker: Docker;
  readonly runId: string;
  readonly networks: NetworkPool;
  readonly labels: Readonly<Record<string, string>>;
  /** Set for a remote engine: the launch's ports are published there and reached through it. */
  readonly remoteHost?: string;
}

export class DockerCellScope implements CellScope {
  private readonly containers: Docker.Container[] = [];
  private counter = 0;
  private network: NetworkLease | undefined;

  constructor(
    private readonly run: RunContext,
    private readonly name: string,
    private readonly needs: CellNeeds,
    private readonly onDisposed: (cell: DockerCellScope) => void = () => undefined,
  ) {}

  async buildApp(
    cellRecipe: CellRecipe,
    onOutput: (line: string) => void,
    signal: AbortSignal,
  ): Promise<AppBuild> {
    // The network is made while the image builds; its failure surfaces when a container needs it.
    if (this.needs.services) this.leaseNetwork();
    const { recipe, key, sources } = cellRecipe;
    // Untagged on purpose: the image is the engine's layer cache, shared by every run of this phase. Its
    // labels are the same for every run of the same recipe, so an unchanged cell builds to the very same
    // image in no time; the project label lets `gc --cache --project` prune one project's cache only.
    const labels = {
      [PROJECT_LABEL]: recipe.project,
      'stagebisect.phase': recipe.phase.name,
      [KEY_LABEL]: key,
    };
    const entries = recipe.files.map((file) => {
      const source = sources.get(file.path);
      if (!source) throw new Error(`recipe file ${file.path} has no source`);
      return { path: file.path, source, mode: file.mode };
    });
    const context = packBuildContext(withLabels(recipe.dockerfile, labels), entries);
    const outcome = await buildImage(this.run.docker, context, {}, onOutput, signal);
    return outcome.ok ? { ok: true, image: outcome.imageId, output: outcome.output } : outcome;
  }

  private leaseNetwork(): NetworkLease {
    this.network ??= this.run.networks.lease();
    return this.network;
  }

  /** Containers join the cell's private network when it has services, else the engine's default one. */
  private get networkName(): string {
    return this.needs.services ? this.leaseNetwork().name : DEFAULT_NETWORK;
  }

  private async create(launch: ContainerLaunch): Promise<Docker.Container> {
    if (this.needs.services) await this.leaseNetwork().ready;
    const name = engineName('stagebisect', this.run.runId, this.name, launch.role, String(++this.counter));
    // Each published to a port the engine picks: two cells at once never ask for the same one.
    const published = this.run.remoteHost ? [...new Set(launch.ports ?? [])] : [];
    try {
      const container = await this.run.docker.createContainer({
        name,
        Image: launch.image,
        ...(launch.command ? { Cmd: [...launch.command] } : {}),
        Env: Object.entries(launch.env).map(([k, v]) => `${k}=${v}`),
        Labels: { ...this.run.labels, 'stagebisect.cell': this.name, 'stagebisect.role': launch.role },
        Tty: false,
        ...(published.length
          ? { ExposedPorts: Object.fromEntries(published.map((p) => [`${p}/tcp`, {}])) }
          : {}),
        HostConfig: {
          NetworkMode: this.networkName,
          ...(published.length
            ? { PortBindings: Object.fromEntries(published.map((p) => [`${p}/tcp`, [{ HostPort: '' }]])) }
            : {}),
          ...(launch.memoryBytes ? { Memory: launch.memoryBytes, MemorySwap: launch.memoryBytes } : {}),
        },
        ...(this.needs.services
          ? { NetworkingConfig: { EndpointsConfig: { [this.networkName]: { Aliases: [launch.role] } } } }
          : {}),
      });
      this.containers.push(container);
      return container;
    } catch (error) {
      throw engineError(`create the ${launch.role} container from ${launch.image}`, error);
    }
  }

  async start(launch: ContainerLaunch, signal: AbortSignal): Promise<ContainerHandle> {
    if (signal.aborted) throw new InterruptedError();
    return DockerContainer.start(
      this.run.docker,
      await this.create(launch),
      this.networkName,
      this.run.remoteHost,
    );
  }

  async runOnce(launch: ContainerLaunch, timeoutMs: number, signal: AbortSignal): Promise<OneShotResult> {
    const started = performance.now();
    const handle = await this.start(launch, signal);
    const outcome = await raceDeadline(handle.exited, timeoutMs, signal);
    const durationMs = performance.now() - started;
    const output = handle.logs.text();
    if (outcome.kind === 'timeout')
      return { exitCode: -1, oomKilled: false, output, timedOut: true, durationMs };
    return {
      exitCode: outcome.value.code,
      oomKilled: outcome.value.oomKilled,
      output,
      timedOut: false,
      durationMs,
    };
  }

  async dispose(): Promise<void> {
    this.onDisposed(this);
    const containers = this.containers.splice(0);
    await removeAll(
      'containers',
      containers.map((c) => () => c.remove({ force: true, v: true })),
    );
    // Handed on only once no container of ours holds an alias on it (a failed removal throws above).
    this.network?.release();
  }
}
