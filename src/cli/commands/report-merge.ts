// `stagebisect report merge a.json b.json ...`: the results of a matrix's shards, merged into what one
// unsharded run would have written (table, JSON, JUnit, Markdown, step summary).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { mergeResults } from '../../matrix/merge-results.js';
import { matrixOutcome } from '../../matrix/matrix-result.js';
import type { MatrixResult } from '../../model.js';
import { renderMatrix } from '../../report/matrix-report.js';
import type { CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { writeMatrixOutputs, type MatrixOutputs } from './matrix-outputs.js';

async function readResult(file: string, cwd: string): Promise<{ name: string; result: MatrixResult }> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as Error).message}`,
      'pass the JSON files `matrix --json FILE` wrote',
    );
  }
  try {
    const result = JSON.parse(text) as MatrixResult;
    if (typeof result !== 'object' || result === null || !Array.isArray(result.cells))
      throw new Error('no cells');
    return { name: file, result };
  } catch {
    throw new UsageError(`${file} is not a matrix result`, 'pass the JSON files `matrix --json FILE` wrote');
  }
}

export async function reportMergeCommand(
  files: readonly string[],
  options: MatrixOutputs,
  context: CommandContext,
): Promise<number> {
  const results = await Promise.all(files.map((f) => readResult(f, context.cwd)));
  const merged = mergeResults(results);
  await writeMatrixOutputs(merged, options, context, () => renderMatrix(merged));
  const outcome = matrixOutcome(merged);
  return outcome === 'pass' ? EXIT.pass : outcome === 'fail' ? EXIT.fail : EXIT.infra;
}
