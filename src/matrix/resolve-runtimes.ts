// A matrix's runtimes as written (versions and semver ranges) -> the runtimes it tests. Pure: the versions
// the image mode can serve are passed in. A version no image serves is untested with the reason; a range
// that matches nothing is a mistake in the file, named with what is available.
import semver from 'semver';
import type { ConfigIssue } from '../errors.js';
import type { ImageMode, MatrixSpec, Runtime, SourcePosition, StackName } from '../model.js';

export interface ResolvedRuntime {
  readonly runtime: Runtime;
  /** Why no cell of it can run: the image mode cannot serve it. */
  readonly unservable?: string;
}

/** A version as written (`3.13`, `22`), not a range: tested as it is, served or not. */
const EXACT = /^\d+(\.\d+){0,2}$/;

/** `3.13` -> 3.13.0, `22` -> 22.0.0: versions as semver compares them. */
export function coerceVersion(version: string): string {
  return semver.coerce(version)?.version ?? '0.0.0';
}

/** Whether a served version (`3.13`) is in a semver range (as the matrix loader normalised it). */
export function inRange(version: string, range: string): boolean {
  return semver.satisfies(coerceVersion(version), range);
}

function issue(position: SourcePosition, message: string, fix: string): ConfigIssue {
  return { file: position.file, line: position.line, column: position.column, message, fix };
}

/** One version or range of one language, resolved against what the image mode serves. */
export function resolveSpec(
  language: StackName,
  spec: { readonly text: string; readonly range: string; readonly position: SourcePosition },
  mode: ImageMode,
  available: readonly string[],
): { readonly runtimes: ResolvedRuntime[]; readonly issue?: ConfigIssue } {
  const text = spec.text.trim();
  if (EXACT.test(text)) {
    const served = available.includes(text);
    return {
      runtimes: [
        {
          runtime: { language, version: text },
          ...(served
            ? {}
            : {
                unservable: `images: ${mode} cannot serve ${language}@${text}; it serves ${language} ${available.join(', ')}`,
              }),
        },
      ],
    };
  }
  const matched = available.filter((version) => inRange(version, spec.range));
  if (matched.length) return { runtimes: matched.map((version) => ({ runtime: { language, version } })) };
  return {
    runtimes: [],
    issue: issue(
      spec.position,
      `no ${language} version that images: ${mode} can serve matches "${text}"; available: ${available.join(', ')}`,
      `widen the range, or list versions from ${available.join(', ')}`,
    ),
  };
}

export function compareRuntimes(a: Runtime, b: Runtime): number {
  if (a.language !== b.language) return a.language < b.language ? -1 : 1;
  return semver.compare(coerceVersion(a.version), coerceVersion(b.version));
}

/** Runtimes as reports name them (`python@3.9` before `python@3.11`), for stable listings. */
export function compareRuntimeLabels(a: string, b: string): number {
  const [la = '', va = ''] = a.split('@');
  const [lb = '', vb = ''] = b.split('@');
  if (la !== lb) return la < lb ? -1 : 1;
  return semver.compare(coerceVersion(va), coerceVersion(vb)) || (a < b ? -1 : a > b ? 1 : 0);
}

export function resolveRuntimes(
  spec: MatrixSpec,
  mode: ImageMode,
  servable: (language: StackName) => readonly string[],
): { readonly runtimes: ResolvedRuntime[]; readonly issues: ConfigIssue[] } {
  const found = new Map<string, ResolvedRuntime>();
  const issues: ConfigIssue[] = [];
  for (const { language, specs } of spec.runtimes) {
    for (const item of specs) {
      const resolved = resolveSpec(language, item, mode, servable(language));
      if (resolved.issue) issues.push(resolved.issue);
      for (const r of resolved.runtimes) found.set(`${language}@${r.runtime.version}`, r);
    }
  }
  const runtimes = [...found.values()].sort((a, b) => compareRuntimes(a.runtime, b.runtime));
  return { runtimes, issues };
}
