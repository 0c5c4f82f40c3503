// The defect the demo plants in its copy of the example: the auth layer's code imports jwt, but its
// phase no longer installs it, the "works on my laptop" kind of missing dependency.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const DEMO_DEFECT = {
  file: 'phases/40-auth.yaml',
  package: 'python3-jwt',
  description: 'removed python3-jwt from the auth layer (phases/40-auth.yaml), whose code imports jwt',
} as const;

/** Edits the copy; fails loudly if the example no longer has the line the demo expects. */
export async function plantDemoDefect(projectDir: string): Promise<void> {
  const file = path.join(projectDir, DEMO_DEFECT.file);
  const text = await readFile(file, 'utf8');
  const planted = text.replace(new RegExp(`\\b${DEMO_DEFECT.package}\\b,?\\s*`), '');
  if (planted === text)
    throw new Error(`the demo could not plant its defect: ${DEMO_DEFECT.file} has no ${DEMO_DEFECT.package}`);
  await writeFile(file, planted);
}
