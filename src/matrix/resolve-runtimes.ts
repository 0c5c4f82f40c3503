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

const EXACT = /^\d+(\.\d+){0,2}$/;

/** `3.13` -> 3.13.0, `22` -> 22.0.0: versions as semver compares them. */
export function coerceVersion(version: string): string {
  return semver.coerce(version)?.version ?? '0.0.0';
}

/** Whether `version` is matched by `spec`: an exact version by equality, a range by semver. */
export function versionMatches(version: string, spec: string): boolean {
  const text = spec.trim();
  if (EXACT.test(text)) return text === version;
  return semver.satisfies(coerceVersion(version), text, { loose: true });
}

function issue(position: SourcePosition, message: string, fix: string): ConfigIssue {
  return { file: position.file, line: position.line, column: position.column, message, fix };
}

export function resolveRuntimes(
  spec: MatrixSpec,
  mode: ImageMode,
  servable: (language: StackName) => readonly string[],
): { readonly runtimes: ResolvedRuntime[]; readonly issues: ConfigIssue[] } {
  const found = new Map<string, ResolvedRuntime>();
  const issues: ConfigIssue[] = [];
  for (const { language, specs } of spec.runtimes) {
    const available = servable(language);
    for (const { text, position } of specs) {
      if (EXACT.test(text.trim())) {
        const version = text.trim();
        const served = available.includes(version);
        found.set(`${language}@${version}`, {
          runtime: { language, version },
          ...(served
            ? {}
            : {
                unservable: `images: ${mode} cannot serve ${language}@${version}; it serves ${language} ${available.join(', ')}`,
              }),
        });
        continue;
      }
      const matched = available.filter((v) => versionMatches(v, text));
      if (matched.length === 0) {
        issues.push(
          issue(
            position,
            `no ${language} version that images: ${mode} can serve matches "${text}"; available: ${available.join(', ')}`,
            `widen the range, or list versions from ${available.join(', ')}`,
          ),
        );
      }
      for (const version of matched) found.set(`${language}@${version}`, { runtime: { language, version } });
    }
  }
  const runtimes = [...found.values()].sort((a, b) =>
    a.runtime.language === b.runtime.language
      ? semver.compare(coerceVersion(a.runtime.version), coerceVersion(b.runtime.version))
      : a.runtime.language < b.runtime.language
        ? -1
        : 1,
  );
  return { runtimes, issues };
}
