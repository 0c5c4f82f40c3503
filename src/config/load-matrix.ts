// Reads a matrix file (matrices/NAME.yaml) into a MatrixSpec: validated against its schema, then against
// the project (its stack, its phases, versions that are semver ranges). Every value keeps its position.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { ConfigError, issueAt, UsageError, type ConfigIssue } from '../errors.js';
import {
  type MatrixRuntime,
  type MatrixSpec,
  type Plan,
  type SourcePosition,
  type StackName,
} from '../model.js';
import { displayPath } from './display-path.js';
import { validateFile } from './schema-validator.js';
import { matrixSchema } from './schemas/matrix-schema.js';
import type { MatrixData } from './schemas/schemas.js';
import { closestWord } from './suggest.js';
import { exists } from './validate-layers.js';
import { YamlFile, type DataPath } from './yaml-file.js';

const MATRIX_FILE = /\.ya?ml$/;
const EXAMPLE: Readonly<Record<StackName, { version: string; range: string }>> = {
  python: { version: '3.13', range: '>=3.11 <3.15' },
  node: { version: '22', range: '^20 || ^22' },
};

/** The matrix files a project has, by name. */
async function matrixNames(dir: string): Promise<string[]> {
  if ((await exists(dir)) !== 'dir') return [];
  return (await readdir(dir))
    .filter((n) => MATRIX_FILE.test(n))
    .map((n) => n.replace(MATRIX_FILE, ''))
    .sort();
}

/** A path to a file (or anything ending in .yaml/.yml) as it is; otherwise a name in the matrices directory. */
async function findMatrixFile(nameOrFile: string, plan: Plan, cwd: string): Promise<string> {
  const direct = path.resolve(cwd, nameOrFile);
  if (MATRIX_FILE.test(nameOrFile) || (await exists(direct)) === 'file') {
    if ((await exists(direct)) === 'file') return direct;
    throw new UsageError(
      `no matrix file ${displayPath(cwd, direct)}`,
      'check the path, or name a matrix in ' + displayPath(cwd, plan.matricesDir),
    );
  }
  for (const extension of ['.yaml', '.yml']) {
    const candidate = path.join(plan.matricesDir, `${nameOrFile}${extension}`);
    if ((await exists(candidate)) === 'file') return candidate;
  }
  const known = await matrixNames(plan.matricesDir);
  const where = displayPath(cwd, plan.matricesDir);
  const near = closestWord(nameOrFile, known);
  throw new UsageError(
    `no matrix "${nameOrFile}" in ${where}`,
    known.length === 0
      ? `create ${path.join(where, `${nameOrFile}.yaml`)} (copy the preset matrices/nightly.yaml), or set \`matrices:\` in stagebisect.yaml`
      : `${near ? `did you mean "${near}"? ` : ''}matrices there: ${known.join(', ')}`,
  );
}

function list(value: string | readonly string[]): { text: string; path: DataPath }[] {
  return typeof value === 'string'
    ? [{ text: value, path: [] }]
    : value.map((text, i) => ({ text, path: [i] }));
}

/**
 * Reads the matrix `nameOrFile` of `plan`: a file path, or a name looked up in `plan.matricesDir`.
 * Throws a UsageError when there is no such matrix, and one ConfigError with every problem in it.
 */
export async function loadMatrix(nameOrFile: string, plan: Plan, cwd: string): Promise<MatrixSpec> {
  const absolute = await findMatrixFile(nameOrFile, plan, cwd);
  const file = await YamlFile.read(absolute, displayPath(cwd, absolute));
  const validated = validateFile(file, 'matrix');
  if (!validated.ok) throw new ConfigError(validated.issues);
  const data: MatrixData = validated.data;
  const issues: ConfigIssue[] = [];
  const report = (at: SourcePosition, message: string, fix?: string): void => {
    issues.push(issueAt(at, message, fix));
  };
  const phaseNames = plan.phases.map((p) => p.name);
  const checkPhase = (name: string, at: DataPath): void => {
    if (phaseNames.includes(name)) return;
    const near = closestWord(name, phaseNames);
    report(
      file.valuePosition(at),
      `no phase "${name}" in ${plan.name}; its phases are ${phaseNames.join(', ')}`,
      near ? `did you mean "${near}"?` : 'name one of those phases',
    );
  };
  const rangeOf = (language: StackName, text: string, at: DataPath): string | undefined => {
    const range = semver.validRange(text);
    if (range !== null) return range;
    const coerced = semver.coerce(text);
    report(
      file.valuePosition(at),
      `${language} version "${text}" is not a version or a semver range`,
      coerced
        ? `write "${coerced.major}.${coerced.minor}"${language === 'node' ? ` or "${coerced.major}"` : ''}`
        : `write an exact version like "${EXAMPLE[language].version}", or a range like "${EXAMPLE[language].range}"`,
    );
    return undefined;
  };
  const languageFits = (language: StackName, at: SourcePosition): boolean => {
    if (language === plan.stack) return true;
    report(
      at,
      `${language} does not fit this ${plan.stack} project`,
      `list ${plan.stack} versions instead, e.g. \`${plan.stack}: ["${EXAMPLE[plan.stack].version}"]\``,
    );
    return false;
  };
  const runtimeOf = (text: string, at: DataPath): MatrixRuntime | undefined => {
    const [language, ...rest] = text.split('@');
    const spec = rest.join('@');
    if (!languageFits(language as StackName, file.valuePosition(at))) return undefined;
    const range = rangeOf(language as StackName, spec, at);
    return range === undefined
      ? undefined
      : { language: language as StackName, spec, range, text, position: file.valuePosition(at) };
  };

  const runtimes = (Object.entries(data.runtimes) as [StackName, string | string[]][]).map(
    ([language, value]) => {
      const fits = languageFits(language, file.keyPosition(['runtimes', language]));
      return {
        language,
        position: file.keyPosition(['runtimes', language]),
        specs: list(value).flatMap(({ text, path: at }) => {
          const where = ['runtimes', language, ...at];
          const range = fits ? rangeOf(language, text, where) : undefined;
          return range === undefined ? [] : [{ text, range, position: file.valuePosition(where) }];
        }),
      };
    },
  );
  const phases =
    data.phases === undefined || typeof data.phases === 'string'
      ? ('all' as const)
      : data.phases.map((name, i) => {
          checkPhase(name, ['phases', i]);
          return { name, position: file.valuePosition(['phases', i]) };
        });
  const include = (data.include ?? []).flatMap((entry, i) => {
    if (entry.phase !== undefined) checkPhase(entry.phase, ['include', i, 'phase']);
    const runtime = runtimeOf(entry.runtime, ['include', i, 'runtime']);
    if (!runtime) return [];
    return [
      {
        runtime,
        ...(entry.phase !== undefined ? { phase: entry.phase } : {}),
        position: file.valuePosition(['include', i]),
      },
    ];
  });
  const exclude = (data.exclude ?? []).flatMap((entry, i) => {
    if (entry.phase !== undefined) checkPhase(entry.phase, ['exclude', i, 'phase']);
    const runtime =
      entry.runtime === undefined ? undefined : runtimeOf(entry.runtime, ['exclude', i, 'runtime']);
    if (entry.runtime !== undefined && !runtime) return [];
    return [
      {
        ...(runtime ? { runtime } : {}),
        ...(entry.phase !== undefined ? { phase: entry.phase } : {}),
        position: file.valuePosition(['exclude', i]),
      },
    ];
  });
  if (issues.length) throw new ConfigError(issues.sort((a, b) => a.line - b.line || a.column - b.column));

  const defaults = matrixSchema.properties;
  return {
    name: data.name ?? path.basename(absolute).replace(MATRIX_FILE, ''),
    file: file.displayPath,
    position: file.valuePosition([]),
    runtimes,
    phases,
    include,
    exclude,
    concurrency: data.concurrency ?? defaults.concurrency.default,
    mode: data.mode ?? defaults.mode.default,
    failFast: data.fail_fast ?? defaults.fail_fast.default,
  };
}
