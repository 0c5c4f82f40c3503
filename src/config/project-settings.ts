// stagebisect.yaml, once its schema is satisfied, into settings: defaults applied (read from the schema)
// and the rules a schema cannot say (a runtime of the stack's language, a memory size the engine takes).
import { issueAt, type ConfigIssue } from '../errors.js';
import type { ContextFiles, ImageMode, Runtime, StackName } from '../model.js';
import { MIN_MEMORY_BYTES, parseMemory } from './parse-memory.js';
import { parseRuntime } from './parse-runtime.js';
import { projectSchema } from './schemas/project-schema.js';
import type { ProjectData } from './schemas/schemas.js';
import type { YamlFile } from './yaml-file.js';

export interface ProjectSettings {
  readonly name: string;
  readonly stack: StackName;
  readonly context: string;
  readonly contextFiles: ContextFiles;
  readonly port: number;
  readonly start: string;
  readonly runtime: Runtime;
  readonly images: ImageMode;
  readonly registry?: string;
  readonly phasesDir: string;
  readonly matricesDir: string;
  readonly memoryBytes?: number;
}

const DEFAULTS = {
  context: projectSchema.properties.context.default,
  contextFiles: projectSchema.properties.context_files.default,
  images: projectSchema.properties.images.default,
  phases: projectSchema.properties.phases.default,
  matrices: projectSchema.properties.matrices.default,
};

export function projectSettings(
  data: ProjectData,
  file: YamlFile,
): { settings?: ProjectSettings; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const parsed = parseRuntime(data.runtime);
  if (!parsed.ok) {
    issues.push(issueAt(file.valuePosition(['runtime']), parsed.reason));
  } else if (parsed.runtime.language !== data.stack) {
    issues.push(
      issueAt(
        file.valuePosition(['runtime']),
        `runtime ${data.runtime} does not match stack ${data.stack}`,
        `use a ${data.stack}@VERSION runtime`,
      ),
    );
  }
  const memoryBytes = data.memory === undefined ? undefined : parseMemory(data.memory);
  if (data.memory !== undefined && memoryBytes === undefined) {
    issues.push(
      issueAt(
        file.valuePosition(['memory']),
        `memory "${data.memory}" is not a size of at least ${MIN_MEMORY_BYTES / 1024 ** 2}m`,
        'write it like 512m or 1g',
      ),
    );
  }
  if (issues.length || !parsed.ok) return { issues };
  return {
    issues,
    settings: {
      name: data.name,
      stack: data.stack,
      context: data.context ?? DEFAULTS.context,
      contextFiles: data.context_files ?? DEFAULTS.contextFiles,
      port: data.port,
      start: data.start,
      runtime: parsed.runtime,
      images: data.images ?? DEFAULTS.images,
      ...(data.registry !== undefined ? { registry: data.registry.replace(/\/+$/, '') } : {}),
      phasesDir: data.phases ?? DEFAULTS.phases,
      matricesDir: data.matrices ?? DEFAULTS.matrices,
      ...(memoryBytes !== undefined ? { memoryBytes } : {}),
    },
  };
}
