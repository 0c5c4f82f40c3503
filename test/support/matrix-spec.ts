// Matrix specs in code, as loadMatrix would return them, for the pure matrix modules' tests.
import type { MatrixSpec, StackName } from '../../src/model.js';

const AT = { file: 'matrices/nightly.yaml', line: 1, column: 1 };

export function matrixSpec(
  runtimes: Partial<Record<StackName, readonly string[]>>,
  extra: Partial<Omit<MatrixSpec, 'runtimes'>> = {},
): MatrixSpec {
  return {
    name: 'nightly',
    file: AT.file,
    runtimes: Object.entries(runtimes).map(([language, specs]) => ({
      language: language as StackName,
      specs: specs!.map((text, i) => ({ text, position: { ...AT, line: i + 3 } })),
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
