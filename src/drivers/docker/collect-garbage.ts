// Finds what runs left on the engine (by label) and removes the leftovers of runs whose process is gone.
import type Docker from 'dockerode';
import {
  CACHE_LABEL,
  HOST_LABEL,
  PID_LABEL,
  PROJECT_LABEL,
  RUN_LABEL,
  STARTED_LABEL,
  type GcOptions,
  type GcReport,
} from '../driver.js';
import { isRunAlive } from '../process-liveness.js';
import { engineError } from './engine-errors.js';
import { removeAll } from './remove-all.js';

type Labels = Record<string, string> | undefined;

function alive(labels: Labels): boolean {
  const pid = Number(labels?.[PID_LABEL]);
  const startedMs = Number(labels?.[STARTED_LABEL]);
  if (!Number.isFinite(pid) || !Number.isFinite(startedMs)) return false;
  return isRunAlive({ pid, host: labels?.[HOST_LABEL] ?? '', startedMs });
}

export async function collectGarbage(docker: Docker, options: GcOptions): Promise<GcReport> {
  const ofProject = options.project ? [`${PROJECT_LABEL}=${options.project}`] : [];
  const filters = { label: [RUN_LABEL, ...ofProject] };
  try {
    const [containers, networks, images, volumes] = await Promise.all([
      docker.listContainers({ all: true, filters }),
      docker.listNetworks({ filters }),
      docker.listImages({ filters }),
      docker.listVolumes({ filters }),
    ]);
    const liveRuns = new Set<string>();
    const doomed = <T>(items: T[], labelsOf: (item: T) => Labels): T[] =>
      items.filter((item) => {
        const labels = labelsOf(item);
        if (options.all || !alive(labels)) return true;
        liveRuns.add(labels?.[RUN_LABEL] ?? '?');
        return false;
      });
    const deadContainers = doomed(containers, (c) => c.Labels);
    const deadNetworks = doomed(networks, (n) => n.Labels);
    const deadImages = doomed(images, (i) => i.Labels ?? undefined);
    const deadVolumes = doomed(volumes.Volumes ?? [], (v) => v.Labels ?? undefined);
    await removeAll(
      'containers',
      deadContainers.map((c) => () => docker.getContainer(c.Id).remove({ force: true, v: true })),
    );
    await removeAll(
      'networks',
      deadNetworks.map((n) => () => docker.getNetwork(n.Id).remove()),
    );
    await removeAll(
      'images',
      deadImages.map((i) => () => docker.getImage(i.Id).remove({ force: true, noprune: true })),
    );
    await removeAll(
      'volumes',
      deadVolumes.map((v) => () => docker.getVolume(v.Name).remove()),
    );
    let cached = 0;
    if (options.cache) {
      // Dependency-tree images are tagged by their tree: removed by label, one project's when it is named.
      const trees = await docker.listImages({ filters: { label: [`${CACHE_LABEL}=deps`, ...ofProject] } });
      await removeAll(
        'images',
        trees.map((i) => () => docker.getImage(i.Id).remove({ force: true })),
      );
      // App images are untagged: the dangling ones are the layer cache, one project's when it is named.
      const pruned = await docker.pruneImages({
        filters: { dangling: ['true'], label: [CACHE_LABEL, ...ofProject] },
      });
      cached = trees.length + (pruned.ImagesDeleted?.length ?? 0);
    }
    return {
      containers: deadContainers.length,
      networks: deadNetworks.length,
      volumes: deadVolumes.length,
      images: deadImages.length + cached,
      liveRuns: [...liveRuns],
    };
  } catch (error) {
    throw engineError('collect leftovers', error);
  }
}
