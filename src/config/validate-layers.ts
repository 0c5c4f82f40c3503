// The rules that span phase files: unique names, services declared before use, paths that exist, checks.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { issueAt, type ConfigIssue } from '../errors.js';
import type { ServiceKind, SourcePosition } from '../model.js';
import { findReferences } from './interpolation.js';
import type { ReadLayer } from './phase-layer.js';

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

/** Cross-file rules: unique names, declared services, existing paths, at least one check. */
export async function validateLayers(read: readonly ReadLayer[], contextDir: string): Promise<ConfigIssue[]> {
  const issues: ConfigIssue[] = [];
  const names = new Map<string, string>();
  const services = new Map<string, ServiceKind>();
  let checks = 0;
  for (const { layer, positions } of read) {
    const seenIn = names.get(layer.name);
    if (seenIn) {
      issues.push(
        issueAt(
          positions.name ?? positions.root,
          `phase name "${layer.name}" is already used by ${seenIn}`,
          'give every phase its own name',
        ),
      );
    }
    names.set(layer.name, layer.file);
    for (const service of layer.services) {
      if (services.has(service.name)) {
        issues.push(
          issueAt(
            service.position,
            `service "${service.name}" is already declared by an earlier phase`,
            'declare each service once; later phases keep it',
          ),
        );
      }
      services.set(service.name, service.kind);
    }
    for (const [key, value] of Object.entries(layer.env)) {
      const at = positions.env.get(key) ?? positions.root;
      for (const reference of findReferences(value)) {
        if (reference.kind === 'invalid') {
          issues.push(
            issueAt(
              at,
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
                at,
                `env ${key} refers to service "${reference.service}", which no phase up to "${layer.name}" declares`,
                known.length
                  ? `declare it under services:, or use one of ${known.join(', ')}`
                  : `add \`services: { ${reference.service}: {} }\` to this phase`,
              ),
            );
          } else if (!SERVICE_ATTRIBUTES[kind].includes(reference.attribute)) {
            issues.push(
              issueAt(
                at,
                `env ${key}: service "${reference.service}" has no "${reference.attribute}"`,
                `use one of ${SERVICE_ATTRIBUTES[kind].join(', ')}`,
              ),
            );
          }
        }
      }
    }
    const paths: [ReadonlyMap<string, SourcePosition>, string][] = [
      [positions.files, 'files'],
      [positions.requirements, 'requirements'],
    ];
    for (const [entries, what] of paths) {
      for (const [relative, at] of entries) {
        const absolute = path.resolve(contextDir, relative);
        const inside = path.relative(contextDir, absolute);
        if (path.isAbsolute(relative) || inside === '..' || inside.startsWith(`..${path.sep}`)) {
          issues.push(
            issueAt(
              at,
              `${what} entry "${relative}" is outside the build context`,
              'name a path relative to the context directory',
            ),
          );
        } else if (!(await exists(absolute))) {
          issues.push(
            issueAt(
              at,
              `${what} entry "${relative}" does not exist in the build context ${contextDir}`,
              'fix the path, or add the file',
            ),
          );
        } else if (what === 'requirements' && (await exists(absolute)) !== 'file') {
          issues.push(
            issueAt(
              at,
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
          positions.root,
          `phase "${layer.name}" has no checks, so nothing could tell it failed`,
          'add a check, e.g. `checks: [{ http: GET /health }]`',
        ),
      );
    }
  }
  return issues;
}
