// Reads stagebisect.yaml and its phase files, validates them together, and resolves them into a Plan.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { Layer, Plan } from '../model.js';
import { NodeReader } from './node-reader.js';
import { readPhase, type ReadLayer } from './read-phase.js';
import { readProject } from './read-project.js';
import { resolvePhases } from './resolve-phases.js';
import { exists, issueAt, validateLayers } from './validate-layers.js';
import { YamlFile } from './yaml-file.js';

const PHASE_FILE = /\.ya?ml$/;

function display(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') ? file : relative;
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
      {
        file: display(cwd, configFile),
        line: 1,
        column: 1,
        message: 'no stagebisect.yaml here',
        fix: 'run from your service directory, pass --config path/to/stagebisect.yaml, or start from examples/python-fastapi',
      },
    ]);
  }
  const projectFile = await YamlFile.read(configFile, display(cwd, configFile));
  const projectReader = new NodeReader(projectFile);
  const syntax = projectFile.syntaxIssues();
  if (syntax.length) throw new ConfigError(syntax);
  const settings = readProject(projectReader, projectFile.root);
  if (!settings) throw new ConfigError(projectReader.issues);

  const projectDir = path.dirname(configFile);
  const contextDir = path.resolve(projectDir, settings.context);
  const phasesDir = path.resolve(projectDir, settings.phasesDir);
  const issues: ConfigIssue[] = [...projectReader.issues];
  if ((await exists(contextDir)) !== 'dir') {
    issues.push(
      issueAt(
        projectReader,
        settings.nodes.context,
        `context "${settings.context}" is not a directory`,
        'point context at the directory that holds your service (relative to stagebisect.yaml)',
      ),
    );
  }
  if ((await exists(phasesDir)) !== 'dir') {
    issues.push(
      issueAt(
        projectReader,
        settings.nodes.phases ?? projectFile.root,
        `phases directory "${settings.phasesDir}" does not exist`,
        'create it with one YAML file per layer (copy the presets in phases/), or set `phases:`',
      ),
    );
    throw new ConfigError(issues);
  }
  const names = (await readdir(phasesDir)).filter((n) => PHASE_FILE.test(n)).sort();
  if (names.length === 0) {
    issues.push(
      issueAt(
        projectReader,
        settings.nodes.phases ?? projectFile.root,
        `phases directory "${settings.phasesDir}" has no .yaml files`,
        'add one file per layer, e.g. 10-health.yaml',
      ),
    );
    throw new ConfigError(issues);
  }

  const read: { reader: NodeReader; result: ReadLayer }[] = [];
  for (const [i, name] of names.entries()) {
    const absolute = path.join(phasesDir, name);
    const file = await YamlFile.read(absolute, display(cwd, absolute));
    const fileSyntax = file.syntaxIssues();
    if (fileSyntax.length) {
      issues.push(...fileSyntax);
      continue;
    }
    const reader = new NodeReader(file);
    const result = readPhase(reader, file.root, {
      index: i + 1,
      file: file.displayPath,
      defaultName: name.replace(PHASE_FILE, '').replace(/^\d+[-_.]/, ''),
      stack: settings.stack,
      port: settings.port,
    });
    issues.push(...reader.issues);
    if (result) read.push({ reader, result });
  }
  if (issues.length === 0) issues.push(...(await validateLayers(read, contextDir)));
  if (issues.length) throw new ConfigError(issues);

  const layers: Layer[] = read.map((r) => r.result.layer);
  return {
    name: settings.name,
    stack: settings.stack,
    configFile,
    contextDir,
    port: settings.port,
    defaultRuntime: settings.runtime,
    matricesDir: path.resolve(projectDir, 'matrices'),
    images: settings.images,
    ...(settings.registry !== undefined ? { registry: settings.registry } : {}),
    ...(settings.memoryBytes !== undefined ? { memoryBytes: settings.memoryBytes } : {}),
    phases: resolvePhases(layers, settings.start),
  };
}
