// Reads what a Node project declares about its dependencies: package.json and the lockfile beside it.
// A malformed file is a ConfigError pointing at the exact line and column, never "no dependencies".
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { locateJsonError } from '../text/locate-json-error.js';

/** Lockfiles npm reads, in the order npm prefers them. */
export const NPM_LOCKFILES = ['npm-shrinkwrap.json', 'package-lock.json'] as const;

export type LockfileKind = 'npm' | 'yarn-v1' | 'yarn-berry' | 'pnpm';

export interface ProjectLockfile {
  /** File name in the project directory. */
  readonly name: string;
  readonly kind: LockfileKind;
  readonly text: string;
}

export interface ProjectFiles {
  /** package.json as written; undefined when the project has none. */
  readonly manifestText?: string;
  readonly manifest: Readonly<Record<string, unknown>>;
  /** The lockfile npm would use; else a yarn or pnpm one. Only beside a package.json, as npm reads it. */
  readonly lockfile?: ProjectLockfile;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Parses a JSON file the user wrote; a syntax error names file, line, column and what was expected. */
export function parseUserJson(file: string, text: string, what: string, fix: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const at = locateJsonError(text) ?? {
      line: 1,
      column: 1,
      expected: 'valid JSON',
      found: 'something else',
    };
    throw new ConfigError([
      {
        file,
        line: at.line,
        column: at.column,
        message: `${what} is not valid JSON: expected ${at.expected}, found ${at.found}`,
        fix,
      },
    ]);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function yarnKind(text: string): LockfileKind {
  // Yarn 2+ ("berry") writes a YAML file with a __metadata block; yarn 1 its own format, which arborist reads.
  return /^__metadata:/m.test(text) ? 'yarn-berry' : 'yarn-v1';
}

export async function readProjectFiles(projectDir: string): Promise<ProjectFiles> {
  const manifestFile = path.join(projectDir, 'package.json');
  const manifestText = await readIfPresent(manifestFile);
  let manifest: Record<string, unknown> = {};
  if (manifestText !== undefined) {
    const parsed = parseUserJson(
      manifestFile,
      manifestText,
      'package.json',
      'fix the JSON at that position (`node -e "require(\'./package.json\')"` checks it)',
    );
    if (!isObject(parsed)) {
      throw new ConfigError([
        {
          file: manifestFile,
          line: 1,
          column: 1,
          message: 'package.json must hold one JSON object',
          fix: 'write it as { "name": ..., "dependencies": { ... } }',
        },
      ]);
    }
    manifest = parsed;
  }
  // npm reads a lockfile only beside a package.json; a phase may still bring every dependency under `npm:`.
  if (manifestText === undefined) return { manifest };
  const lockfile = await readLockfile(projectDir);
  return lockfile ? { manifestText, manifest, lockfile } : { manifestText, manifest };
}

async function readLockfile(projectDir: string): Promise<ProjectLockfile | undefined> {
  for (const name of NPM_LOCKFILES) {
    const text = await readIfPresent(path.join(projectDir, name));
    if (text === undefined) continue;
    parseUserJson(
      path.join(projectDir, name),
      text,
      name,
      'regenerate it with `npm install --package-lock-only`, or fix the JSON at that position',
    );
    return { name, kind: 'npm', text };
  }
  const yarn = await readIfPresent(path.join(projectDir, 'yarn.lock'));
  if (yarn !== undefined) return { name: 'yarn.lock', kind: yarnKind(yarn), text: yarn };
  const pnpm = await readIfPresent(path.join(projectDir, 'pnpm-lock.yaml'));
  if (pnpm !== undefined) return { name: 'pnpm-lock.yaml', kind: 'pnpm', text: pnpm };
  return undefined;
}
