// Reads stagebisect.yaml and its phase files, validates them together, and resolves them into a Plan.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, issueAt, type ConfigIssue } from '../errors.js';
import type { Plan } from '../model.js';
import { displayPath } from './display-path.js';
import { phaseLayer, type ReadLayer } from './phase-layer.js';
import { projectSettings, type ProjectSettings } from './project-settings.js';
import { resolvePhases } from './resolve-phases.js';
import { validateFile } from './schema-validator.js';
import { projectSchema } from './schemas/project-schema.js';
import { exists, validateLayers } from './validate-layers.js';
import { YamlFile } from './yaml-file.js';

const PHASE_FILE = /\.ya?ml$/;

/** The phases directory a project names, even when the rest of its file is wrong, so phases are checked too. */
function phasesDirOf(data: unknown): string {
  const named = (data as { phases?: unknown } | null)?.phases;
  return typeof named === 'string' && named !== '' ? named : projectSchema.properties.phases.default;
}

/**
 * Loads and validates a project. Throws one ConfigError carrying every problem in every file.
 * @param configPath the stagebisect.yaml to read
 * @param cwd the directory paths in messages are relative to
 */
export async function loadPlan(configPath: string, cwd = process.cwd()): Promise<Plan> {
  const configFile = path.resolve(cwd, configPath);
  if ((await exists(configFile)) !== 'file') {
    throw new ConfigError([
      issueAt(
        { file: displayPath(cwd, configFile), line: 1, column: 1 },
        'no stagebisect.yaml here',
        'run from your service directory, pass --config path/to/stagebisect.yaml, or start from examples/python-fastapi',
      ),
    ]);
  }
  const projectFile = await YamlFile.read(configFile, displayPath(cwd, configFile));
  const project = validateFile(projectFile, 'project');
  if (!project.ok && projectFile.syntaxIssues().length) throw new ConfigError(project.issues);
  const issues: ConfigIssue[] = [];
  let settings: ProjectSettings | undefined;
  if (project.ok) {
    const read = projectSettings(project.data, projectFile);
    issues.push(...read.issues);
    settings = read.settings;
  } else {
    issues.push(...project.issues);
  }

  const projectDir = path.dirname(configFile);
  const phasesName = settings?.phasesDir ?? phasesDirOf(projectFile.data());
  const phasesDir = path.resolve(projectDir, phasesName);
  const contextDir = settings && path.resolve(projectDir, settings.context);
  if (settings && contextDir && (await exists(contextDir)) !== 'dir') {
    issues.push(
      issueAt(
        projectFile.valuePosition(['context']),
        `context "${settings.context}" is not a directory`,
        'point context at the directory that holds your service (relative to stagebisect.yaml)',
      ),
    );
  }
  const phasesAt = projectFile.valuePosition(['phases']);
  if ((await exists(phasesDir)) !== 'dir') {
    issues.push(
      issueAt(
        phasesAt,
        `phases directory "${phasesName}" does not exist`,
        'create it with one YAML file per layer (copy the presets in phases/), or set `phases:`',
      ),
    );
    throw new ConfigError(issues);
  }
  const names = (await readdir(phasesDir)).filter((n) => PHASE_FILE.test(n)).sort();
  if (names.length === 0) {
    issues.push(
      issueAt(
        phasesAt,
        `phases directory "${phasesName}" has no .yaml files`,
        'add one file per layer, e.g. 10-health.yaml',
      ),
    );
    throw new ConfigError(issues);
  }

  const read: ReadLayer[] = [];
  for (const [i, name] of names.entries()) {
    const absolute = path.join(phasesDir, name);
    const file = await YamlFile.read(absolute, displayPath(cwd, absolute));
    const phase = validateFile(file, 'phase');
    if (!phase.ok) {
      issues.push(...phase.issues);
      continue;
    }
    // Without valid project settings, the rules that need the stack and the port wait for a fixed file.
    if (!settings) continue;
    const layer = phaseLayer(phase.data, file, {
      index: i + 1,
      defaultName: name.replace(PHASE_FILE, '').replace(/^\d+[-_.]/, ''),
      stack: settings.stack,
      port: settings.port,
    });
    issues.push(...layer.issues);
    if (layer.read) read.push(layer.read);
  }
  if (issues.length === 0) issues.push(...(await validateLayers(read, contextDir!)));
  if (issues.length || !settings || !contextDir) throw new ConfigError(issues);

  return {
    name: settings.name,
    stack: settings.stack,
    configFile,
    contextDir,
    port: settings.port,
    defaultRuntime: settings.runtime,
    start: settings.start,
    images: settings.images,
    ...(settings.registry !== undefined ? { registry: settings.registry } : {}),
    ...(settings.memoryBytes !== undefined ? { memoryBytes: settings.memoryBytes } : {}),
    matricesDir: path.resolve(projectDir, settings.matricesDir),
    contextFiles: settings.contextFiles,
    phases: resolvePhases(
      read.map((r) => r.layer),
      settings.start,
    ),
  };
}
