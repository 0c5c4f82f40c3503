// The latest results of `matrix` and `bisect`, kept beside the project (.stagebisect/results/) so that
// `stagebisect docs` can write the deployment strategy from them: one file per matrix and per bisected
// runtime, replaced atomically by the next run.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MATRIX_SCHEMA_VERSION, type BisectReport, type MatrixResult } from '../model.js';
import { pathSegment } from '../snapshots/snapshot-store.js';
import { writeJsonAtomic } from './atomic-write.js';

export const RESULTS_DIR = path.join('.stagebisect', 'results');
export const SAVED_BISECT_VERSION = 1;

/** A bisect's report with the date it started: a BisectReport has no date of its own. */
export interface SavedBisect {
  readonly schemaVersion: number;
  readonly command: 'bisect';
  readonly startedAt: string;
  readonly report: BisectReport;
}

export interface LatestResults {
  readonly matrices: MatrixResult[];
  readonly bisects: SavedBisect[];
  /** Files that could not be read as results, each in a sentence. */
  readonly problems: string[];
}

export function resultsDir(projectDir: string): string {
  return path.join(projectDir, RESULTS_DIR);
}

export function saveMatrixResult(projectDir: string, result: MatrixResult): Promise<void> {
  return writeJsonAtomic(
    path.join(resultsDir(projectDir), `matrix-${pathSegment(result.matrix)}.json`),
    result,
  );
}

export function saveBisectResult(projectDir: string, startedAt: string, report: BisectReport): Promise<void> {
  const saved: SavedBisect = { schemaVersion: SAVED_BISECT_VERSION, command: 'bisect', startedAt, report };
  return writeJsonAtomic(
    path.join(resultsDir(projectDir), `bisect-${pathSegment(report.runtime)}.json`),
    saved,
  );
}

function isMatrix(value: unknown): value is MatrixResult {
  const r = value as Partial<MatrixResult> | null;
  return (
    r?.schemaVersion === MATRIX_SCHEMA_VERSION &&
    typeof r.startedAt === 'string' &&
    Array.isArray(r.cells) &&
    Array.isArray(r.summaries)
  );
}

function isBisect(value: unknown): value is SavedBisect {
  const r = value as Partial<SavedBisect> | null;
  return (
    r?.schemaVersion === SAVED_BISECT_VERSION &&
    r.command === 'bisect' &&
    typeof r.startedAt === 'string' &&
    Array.isArray(r.report?.verdicts)
  );
}

export async function loadLatestResults(projectDir: string): Promise<LatestResults> {
  const dir = resultsDir(projectDir);
  const matrices: MatrixResult[] = [];
  const bisects: SavedBisect[] = [];
  const problems: string[] = [];
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  for (const name of names) {
    const file = path.join(dir, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      problems.push(`${file} is not valid JSON; ignored`);
      continue;
    }
    if (name.startsWith('matrix-') && isMatrix(parsed)) matrices.push(parsed);
    else if (name.startsWith('bisect-') && isBisect(parsed)) bisects.push(parsed);
    else problems.push(`${file} is not a result this version of stagebisect reads; ignored`);
  }
  return { matrices, bisects, problems };
}
