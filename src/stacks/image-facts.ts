// What a snapshot reads from a running app container in one exec: the runtime's version as it reports it,
// the installed versions of the Debian packages the layers declare, and for Python every distribution as
// `pip freeze` lists it. Pure: the command to run and the parser of what it printed.
import type { PackageVersion, PythonDistribution } from '../snapshots/snapshot.js';

export interface ImageFacts {
  readonly runtime: { readonly reported: string; readonly version: string } | null;
  readonly apt: readonly PackageVersion[];
  readonly python: readonly PythonDistribution[] | null;
}

/**
 * `pip freeze`'s list, read the way pip reads it (importlib.metadata), with each distribution's
 * installer: pip itself needs over a second to start in these images, this a tenth of that.
 */
const PYTHON_DISTRIBUTIONS = [
  'import importlib.metadata as m',
  'seen = {}',
  'for d in m.distributions():',
  '    name = d.metadata["Name"]',
  '    if name and name.lower() not in seen:',
  '        seen[name.lower()] = (name, d.version, (d.read_text("INSTALLER") or "").strip())',
  'for key in sorted(seen):',
  '    print("%s==%s\\t%s" % seen[key])',
].join('\n');

/** Sections are marked by lines the commands themselves never print. */
const MARK = '@@stagebisect:';

/** The package a declared apt word names: `python3-jwt=2.6.0-1` and `pkg/trixie` are `python3-jwt`, `pkg`. */
export function aptPackageName(word: string): string {
  return word.replace(/[=/].*$/, '').replace(/:.*$/, '');
}

/**
 * argv for the app container: `runtimeCommand` (`python3 -V`), dpkg-query for the declared packages, and
 * with `python`, the distributions. Packages are arguments, never spliced into the script.
 */
export function imageFactsArgv(
  runtimeCommand: string,
  apt: readonly string[],
  options: { readonly python: boolean },
): string[] {
  const script = [
    `echo ${MARK}runtime`,
    `${runtimeCommand} 2>&1`,
    'code=$1',
    'shift',
    `echo ${MARK}apt`,
    `[ $# -eq 0 ] || dpkg-query -W -f '\${Package}\\t\${Version}\\n' -- "$@" 2>/dev/null`,
    `if [ -n "$code" ]; then echo ${MARK}python; python3 -c "$code" 2>&1; fi`,
    'true',
  ].join('\n');
  const packages = [...new Set(apt.map(aptPackageName))].sort();
  return ['sh', '-c', script, 'sh', options.python ? PYTHON_DISTRIBUTIONS : '', ...packages];
}

function sections(output: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith(MARK)) {
      current = [];
      found.set(line.slice(MARK.length).trim(), current);
    } else if (line.trim() !== '') current?.push(line.trimEnd());
  }
  return found;
}

export function parseImageFacts(output: string): ImageFacts {
  const parts = sections(output);
  const reported = parts.get('runtime')?.[0]?.trim();
  const version = reported?.match(/\d+\.\d+(?:\.\d+)?/)?.[0];
  const apt = new Map<string, string>();
  for (const line of parts.get('apt') ?? []) {
    const [name, installed] = line.split('\t');
    if (name && installed) apt.set(name, installed);
  }
  const pythonLines = parts.get('python');
  const python = pythonLines
    ? pythonLines.flatMap((line): PythonDistribution[] => {
        const match = /^([^=\s]+)==(\S+)(?:\t(.*))?$/.exec(line);
        return match ? [{ name: match[1]!, version: match[2]!, installer: match[3]?.trim() ?? '' }] : [];
      })
    : null;
  return {
    runtime: reported && version ? { reported, version } : null,
    apt: [...apt].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, v]) => ({ name, version: v })),
    python,
  };
}
