// The verdict cache: one JSON file per cell key under the project (.stagebisect/cache/ by default),
// written atomically, safe to share between CI runs as an artifact. An entry that cannot be trusted
// (torn, corrupt, another schema, another key) is ignored with a warning, never used.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { VerdictStore } from '../engine/verdict-store.js';
import type { Verdict } from '../model.js';
import type { CellRecipe, Recipe } from '../recipes/recipe.js';
import { writeJsonAtomic } from './atomic-write.js';

export const CACHE_SCHEMA_VERSION = 1;
/** Where the cache lives unless told otherwise, relative to the project's directory. */
export const DEFAULT_CACHE_DIR = path.join('.stagebisect', 'cache');

/** One stored cell: the recipe that was judged and what it was judged. */
export interface CacheEntry {
  readonly schemaVersion: number;
  readonly key: string;
  readonly storedAt: string;
  readonly recipe: Recipe;
  readonly verdict: Verdict;
}

const KEY = /^[0-9a-f]{64}$/;

function isEntry(value: unknown, key: string): value is CacheEntry {
  const entry = value as Partial<CacheEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    entry.schemaVersion === CACHE_SCHEMA_VERSION &&
    entry.key === key &&
    typeof entry.storedAt === 'string' &&
    typeof entry.recipe === 'object' &&
    typeof entry.verdict === 'object' &&
    entry.verdict !== null &&
    entry.verdict.key === key &&
    (entry.verdict.status === 'pass' || entry.verdict.status === 'fail')
  );
}

export class VerdictCache implements VerdictStore {
  constructor(
    readonly dir: string,
    private readonly warn: (message: string) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private fileOf(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  async entry(key: string): Promise<CacheEntry | undefined> {
    if (!KEY.test(key)) return undefined;
    const file = this.fileOf(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      this.warn(`verdict cache: ${file} could not be read (${(error as Error).message}); the cell runs`);
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.warn(`verdict cache: ${file} is not valid JSON (a partial copy?); ignored, the cell runs`);
      return undefined;
    }
    if (!isEntry(parsed, key)) {
      this.warn(`verdict cache: ${file} is not an entry for this key; ignored, the cell runs`);
      return undefined;
    }
    return parsed;
  }

  async get(key: string): Promise<Verdict | undefined> {
    return (await this.entry(key))?.verdict;
  }

  async put(recipe: CellRecipe, verdict: Verdict): Promise<void> {
    if (verdict.status === 'error' || verdict.key !== recipe.key) return;
    const entry: CacheEntry = {
      schemaVersion: CACHE_SCHEMA_VERSION,
      key: recipe.key,
      storedAt: this.now().toISOString(),
      recipe: recipe.recipe,
      verdict: { ...verdict, cached: undefined } as Verdict,
    };
    await writeJsonAtomic(this.fileOf(recipe.key), entry);
  }

  /** Removes entries stored more than `days` days ago (by file time); returns how many and their bytes. */
  async prune(days: number): Promise<{ readonly entries: number; readonly bytes: number }> {
    const limit = this.now().getTime() - days * 24 * 3600 * 1000;
    let entries = 0;
    let bytes = 0;
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.json') && !name.endsWith('.tmp')) continue;
      const file = path.join(this.dir, name);
      const info = await stat(file).catch(() => undefined);
      if (!info || info.mtimeMs >= limit) continue;
      await rm(file, { force: true });
      entries += 1;
      bytes += info.size;
    }
    return { entries, bytes };
  }
}
