// The app's own top-level modules (files and packages in the build context), so a diagnosis can tell a
// missing dependency from an import path that only works on a laptop.
import { readdir } from 'node:fs/promises';

const SOURCE = /\.(py|js|mjs|cjs|ts)$/;

export async function localModuleNames(contextDir: string): Promise<string[]> {
  const entries = await readdir(contextDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || SOURCE.test(e.name)))
    .map((e) => e.name.replace(SOURCE, ''));
}
