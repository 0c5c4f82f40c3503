// The rules that span phase files: unique names, services declared before use, paths that exist, checks.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigIssue } from '../errors.js';
import type { ServiceKind } from '../model.js';
import { findReferences } from './interpolation.js';
import type { NodeReader } from './node-reader.js';
import type { ReadLayer } from './read-phase.js';
import type { YamlNode } from './yaml-file.js';

export const SERVICE_ATTRIBUTES: Readonly<Record<ServiceKind, readonly string[]>> = {
  postgres: ['url', 'host', 'port', 'user', 'password', 'database'],
  redis: ['url', 'host', 'port'],
  llm: ['url', 'host', 'port', 'api_key'],
  custom: ['url', 'host', 'port'],
};

export async function exists(file: string): Promise<'file' | 'dir' | undefined> {
  try {
    const info = await stat(file);
    return info.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

export function issueAt(
  reader: NodeReader,
  node: YamlNode | null | undefined,
  message: string,
  fix?: string,
): ConfigIssue {
  const at = reader.at(node);
  return { file: at.file, line: at.line, column: at.column, message, ...(fix ? { fix } : {}) };
}

/** Cross-file rules: unique names, declared services, existing paths, at least one check. */
export async function validateLayers(
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
