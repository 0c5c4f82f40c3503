// Matrix specs in code, as loadMatrix would return them, for the pure matrix modules' tests.
import semver from 'semver';
import type { MatrixRuntime, MatrixSpec, StackName } from '../../src/model.js';

const AT = { file: 'matrices/nightly.yaml', line: 1, column: 1 };

/** The semver range a version or range text means, as the matrix loader normalises it. */
const rangeOf = (text: string): string => semver.validRange(text) ?? text;

/** `python@3.11` or `python@>=3.14` as a matrix file's include or exclude names it. */
export function runtimeRef(text: string): MatrixRuntime {
  const [language, spec] = text.split('@') as [StackName, string];
  return { language, spec, range: rangeOf(spec), text, position: AT };
}

export function matrixSpec(
  runtimes: Partial<Record<StackName, readonly string[]>>,
  extra: Partial<Omit<MatrixSpec, 'runtimes'>> = {},
): MatrixSpec {
  return {
    name: 'nightly',
    file: AT.file,
    position: AT,
    runtimes: Object.entries(runtimes).map(([language, specs]) => ({
      language: language as StackName,
      position: AT,
      specs: specs!.map((text, i) => ({ text, range: rangeOf(text), position: { ...AT, line: i + 3 } })),
    })),
    phases: 'all',
    include: [],
    exclude: [],
    concurrency: 1,
    mode: 'bisect',
    failFast: false,
    ...extra,
  };
}

export const at = AT;
