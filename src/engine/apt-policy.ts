// Reads `apt-cache policy` as run in an image: whether its Debian suite has a package. Pure.
import type { AptCheck } from '../model.js';

// `apt-cache policy` without names lists the package files apt knows; a repository's lists end in
// "Packages". Without any, apt knows only what is installed and cannot tell a missing package from one
// it never heard of.
const REPOSITORY_LIST = /^\s*-?\d+ \S+:\/\/\S+ .*\bPackages$/m;

/**
 * The answer for `name` in the output of `apt-cache policy; apt-cache policy NAME`: `exists` when apt has
 * an installation candidate, `missing` when it knows none (an unknown name, or a virtual package nothing
 * provides), `unknown` when the image has no package lists to ask.
 */
export function readAptPolicy(output: string, name: string): Exclude<AptCheck, 'unchecked'> {
  if (!REPOSITORY_LIST.test(output)) return 'unknown';
  const lines = output.split('\n');
  const head = lines.indexOf(`${name}:`);
  if (head < 0) return 'missing';
  for (const line of lines.slice(head + 1)) {
    if (!line.startsWith(' ')) break;
    const candidate = /^\s+Candidate: (.+)$/.exec(line)?.[1]?.trim();
    if (candidate !== undefined) return candidate === '(none)' ? 'missing' : 'exists';
  }
  return 'missing';
}
