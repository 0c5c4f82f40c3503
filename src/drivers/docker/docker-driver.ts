// The Docker implementation of Driver: the engine named by DOCKER_HOST, through dockerode.
import type Docker from 'dockerode';
import type { Driver, EngineInfo, GcOptions, GcReport, ImageStore, RunScope } from '../driver.js';
import { collectGarbage } from './collect-garbage.js';
import { DockerImageStore } from './docker-image-store.js';
import { DockerRunScope } from './docker-run-scope.js';
import { unreachableError } from './engine-errors.js';
import { loadDockerode } from './load-dockerode.js';

const PING_TIMEOUT_MS = 5000;

export class DockerDriver implements Driver {
  readonly kind = 'docker';
  readonly images: ImageStore;
  private readonly docker: Docker;

  constructor(docker: Docker = new (loadDockerode())()) {
    this.docker = docker;
    this.images = new DockerImageStore(docker);
  }

  async ping(_signal: AbortSignal): Promise<EngineInfo> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const version = await Promise.race([
        this.docker.version(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`ETIMEDOUT: no answer within ${PING_TIMEOUT_MS} ms`)),
            PING_TIMEOUT_MS,
          );
        }),
      ]);
      return { name: 'Docker Engine', version: version.Version, apiVersion: version.ApiVersion };
    } catch (error) {
      throw unreachableError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  async openRun(runId: string, _signal: AbortSignal, project?: string): Promise<RunScope> {
    return new DockerRunScope(this.docker, runId, project);
  }

  collectGarbage(options: GcOptions): Promise<GcReport> {
    return collectGarbage(this.docker, options);
  }
}
