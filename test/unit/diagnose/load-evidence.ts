// Reads a captured output from evidence/, dropping its first line: the comment naming the command that made it.
import { readFileSync } from 'node:fs';

export function loadEvidence(name: string): string {
  const text = readFileSync(new URL(`./evidence/${name}.txt`, import.meta.url), 'utf8');
  return text.startsWith('#') ? text.slice(text.indexOf('\n') + 1) : text;
}
