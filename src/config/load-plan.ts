// Reads stagebisect.yaml and its phase files, validates them together, and resolves them into a Plan.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { Layer, Plan, ServiceKind } from '../model.js';
import { findReferences } from './interpolation.js';
import { NodeReader } from './node-reader.js';
import { readPhase, type ReadLayer } from './read-phase.js';
import { readProject } from './read-project.js';
import { resolvePhases } from './resolve-phases.js';
import { YamlFile, type YamlNode } from './yaml-file.js';

export const SERVICE_ATTRIBUTES: Readonly<Record<ServiceKind, readonly string[]>> = {
  postgres: ['url', 'host', 'port', 'user', 'password', 'database'],
  redis: ['url', 'host', 'port'],
  llm: ['url', 'host', 'port', 'api_key'],
  custom: ['url', 'host', 'port'],
};

const PHASE_FILE = /\.ya?ml$/;

async function exists(file: string): Promise<'file' | 'dir' | undefined> {
  try {
    const info = await stat(file);
    return info.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

function issueAt(
  reader: NodeReader,
  node: YamlNode | null | undefined,
  message: string,
  fix?: string,
): ConfigIssue {
  const at = reader.at(node);
  return { file: at.file, line: at.line, column: at.column, message, ...(fix ? { fix } : {}) };
}

function display(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') ? file : relative;
}

/** Cross-file rules: unique names, declared services, existing paths, at least one check. */
async function validateLayers(
  read: { reader: NodeReader; result: ReadLayer }[],
  contextDir: string,
): Promise<ConfigIssue[]> {
  const issues: ConfigIssue[] = [];
  const names = new Map<string, string>();
  const services = new Map<string, ServiceKind>();
  let checks = 0;
  for (const { reader, result } of read) {
    const { layer, positions } = result;
    const seenIn = names.get(layer.name);
    if (seenIn) {
      issues.push(
        issueAt(
          reader,
          positions.keys.get('name') ?? null,
          `phase name "${layer.name}" is already used by ${seenIn}`,
          'give every phase its own name',
        ),
      );
    }
    names.set(layer.name, layer.file);
    for (const service of layer.services) {
      if (services.has(service.name)) {
        issues.push({
          ...service.position,
          message: `service "${service.name}" is already declared by an earlier phase`,
          fix: 'declare each service once; later phases keep it',
        });
      }
      services.set(service.name, service.kind);
    }
    for (const [key, value] of Object.entries(layer.env)) {
      for (const reference of findReferences(value)) {
        const node = positions.env.get(key);
        if (reference.kind === 'invalid') {
          issues.push(
            issueAt(
              reader,
              node,
              `env ${key}: ${reference.text} is not a reference stagebisect knows`,
              'use ${services.NAME.url} (or host, port, user, password, database, api_key) or ${random.secret}',
            ),
          );
        } else if (reference.kind === 'service') {
          const kind = services.get(reference.service);
          if (!kind) {
            const known = [...services.keys()];
            issues.push(
              issueAt(
                reader,
                node,
                `env ${key} refers to service "${reference.service}", which no phase up to "${layer.name}" declares`,
                known.length
                  ? `declare it under services:, or use one of ${known.join(', ')}`
                  : `add \`services: { ${reference.service}: {} }\` to this phase`,
              ),
            );
          } else if (!SERVICE_ATTRIBUTES[kind].includes(reference.attribute)) {
            issues.push(
              issueAt(
                reader,
                node,
                `env ${key}: service "${reference.service}" has no "${reference.attribute}"`,
                `use one of ${SERVICE_ATTRIBUTES[kind].join(', ')}`,
              ),
            );
          }
        }
      }
    }
    const paths: [Map<string, YamlNode>, string][] = [
      [positions.files, 'files'],
      [positions.requirements, 'requirements'],
    ];
    for (const [nodes, what] of paths) {
      for (const [relative, node] of nodes) {
        const absolute = path.resolve(contextDir, relative);
        if (path.isAbsolute(relative) || !absolute.startsWith(contextDir)) {
          issues.push(
            issueAt(
              reader,
              node,
              `${what} entry "${relative}" is outside the build context`,
              'name a path relative to the context directory',
            ),
          );
        } else if (!(await exists(absolute))) {
          issues.push(
            issueAt(
              reader,
              node,
              `${what} entry "${relative}" does not exist in the build context ${contextDir}`,
              'fix the path, or add the file',
            ),
          );
        } else if (what === 'requirements' && (await exists(absolute)) !== 'file') {
          issues.push(
            issueAt(
              reader,
              node,
              `requirements entry "${relative}" is a directory`,
              'name a requirements file, e.g. requirements.txt',
            ),
          );
        }
      }
    }
    checks += layer.checks.length;
    if (checks === 0) {
      issues.push(
        issueAt(
          reader,
          reader.file.root,
          `phase "${layer.name}" has no checks, so nothing could tell it failed`,
          'add a check, e.g. `checks: [{ http: GET /health }]`',
        ),
      );
    }
  }
  return issues;
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
    runtime: settings.runtime,
    images: settings.images,
    ...(settings.registry !== undefined ? { registry: settings.registry } : {}),
    ...(settings.memoryBytes !== undefined ? { memoryBytes: settings.memoryBytes } : {}),
    phases: resolvePhases(layers, settings.start),
  };
}
