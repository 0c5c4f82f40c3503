// Where a matrix result goes: the terminal (or JSON on stdout), and the files CI asked for: JSON, JUnit,
// Markdown, and the job's step summary on GitHub Actions. Shared by `matrix` and `report merge`.
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { MatrixResult } from '../../model.js';
import { renderJunit } from '../../report/junit.js';
import { renderMatrixMarkdown } from '../../report/matrix-markdown.js';
import { writeFileAtomic, writeJsonAtomic } from '../../store/atomic-write.js';
import type { CommandContext } from '../command-context.js';

export interface MatrixOutputs {
  /** `true`: the JSON document on stdout; a path: written there, the table on stdout. */
  readonly json?: boolean | string;
  readonly junit?: string;
  readonly markdown?: string;
}

export async function writeMatrixOutputs(
  result: MatrixResult,
  options: MatrixOutputs,
  context: CommandContext,
  human: () => string,
): Promise<void> {
  const at = (file: string): string => path.resolve(context.cwd, file);
  if (typeof options.json === 'string') await writeJsonAtomic(at(options.json), result);
  if (options.junit) await writeFileAtomic(at(options.junit), renderJunit(result));
  const markdown = renderMatrixMarkdown(result);
  if (options.markdown) await writeFileAtomic(at(options.markdown), markdown);
  const summary = context.env.GITHUB_STEP_SUMMARY;
  if (summary) await appendFile(summary, `${markdown}\n`);
  context.stdout(options.json === true ? JSON.stringify(result, null, 2) : human());
}
