// loadMatrix over matrix files written to temp projects: a good file with every value and its position,
// lookup by name in the project's matrices directory, and every mistake at its file:line:column.
import { afterAll, describe, expect, it } from 'vitest';
import { loadMatrix } from '../../../src/config/load-matrix.js';
import { loadPlan } from '../../../src/config/load-plan.js';
import { ConfigError, formatConfigIssue, UsageError } from '../../../src/errors.js';
import type { Plan } from '../../../src/model.js';
import { removeTempProjects, SHOP_PROJECT, writeProject } from '../../support/temp-project.js';

afterAll(removeTempProjects);

const PROJECT = SHOP_PROJECT;
const PHASES = {
  'phases/10-health.yaml': 'checks:\n  - http: GET /health\n',
  'phases/20-db.yaml': 'services: { postgres: {} }\n',
  'phases/30-llm.yaml': 'services: { llm: {} }\n',
};

async function project(files: Record<string, string>): Promise<{ dir: string; plan: Plan }> {
  const dir = await writeProject('matrix', { 'stagebisect.yaml': PROJECT, ...PHASES, ...files });
  return { dir, plan: await loadPlan('stagebisect.yaml', dir) };
}

async function failure(files: Record<string, string>, name = 'nightly'): Promise<unknown> {
  const { dir, plan } = await project(files);
  return loadMatrix(name, plan, dir).then(
    () => undefined,
    (e: unknown) => e,
  );
}

/** The issues a matrix file gets, each as the CLI prints it. */
async function issues(matrix: string): Promise<string[]> {
  const error = await failure({ 'matrices/nightly.yaml': matrix });
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues.map(formatConfigIssue);
}

describe('loadMatrix reads', () => {
  it('every value of a matrix file with its position, and versions as semver ranges', async () => {
    const { dir, plan } = await project({
      'matrices/nightly.yaml': `name: nightly
runtimes:
  python: ["3.11", ">=3.13 <3.15"]
phases: [health, llm]
include: [{ runtime: python@3.9, phase: health }]
exclude:
  - { runtime: python@3.11, phase: llm }
  - { phase: db }
concurrency: 2
mode: full
fail_fast: true
`,
    });
    const matrix = await loadMatrix('nightly', plan, dir);
    const at = (line: number, column: number) => ({ file: 'matrices/nightly.yaml', line, column });
    expect(matrix).toEqual({
      name: 'nightly',
      file: 'matrices/nightly.yaml',
      position: at(1, 1),
      runtimes: [
        {
          language: 'python',
          position: at(3, 3),
          specs: [
            { text: '3.11', range: '>=3.11.0 <3.12.0-0', position: at(3, 12) },
            { text: '>=3.13 <3.15', range: '>=3.13.0 <3.15.0-0', position: at(3, 20) },
          ],
        },
      ],
      phases: [
        { name: 'health', position: at(4, 10) },
        { name: 'llm', position: at(4, 18) },
      ],
      include: [
        {
          runtime: {
            language: 'python',
            spec: '3.9',
            range: '>=3.9.0 <3.10.0-0',
            text: 'python@3.9',
            position: at(5, 22),
          },
          phase: 'health',
          position: at(5, 11),
        },
      ],
      exclude: [
        {
          runtime: {
            language: 'python',
            spec: '3.11',
            range: '>=3.11.0 <3.12.0-0',
            text: 'python@3.11',
            position: at(7, 16),
          },
          phase: 'llm',
          position: at(7, 5),
        },
        { phase: 'db', position: at(8, 5) },
      ],
      concurrency: 2,
      mode: 'full',
      failFast: true,
    });
  });

  it('the defaults the schema gives, and the file name as the name', async () => {
    const { dir, plan } = await project({ 'matrices/weekly.yml': 'runtimes: { python: "3.13" }\n' });
    const matrix = await loadMatrix('weekly', plan, dir);
    expect(matrix).toMatchObject({
      name: 'weekly',
      file: 'matrices/weekly.yml',
      runtimes: [{ language: 'python', specs: [{ text: '3.13', position: { line: 1, column: 21 } }] }],
      phases: 'all',
      include: [],
      exclude: [],
      concurrency: 1,
      mode: 'bisect',
      failFast: false,
    });
  });

  it('a file named by its path, outside the matrices directory', async () => {
    const { dir, plan } = await project({ 'ci/python.yaml': 'runtimes: { python: ["3.11"] }\n' });
    const matrix = await loadMatrix('ci/python.yaml', plan, dir);
    expect(matrix).toMatchObject({ name: 'python', file: 'ci/python.yaml' });
  });

  it('the matrices directory stagebisect.yaml names', async () => {
    const { dir, plan } = await project({
      'stagebisect.yaml': `${PROJECT}matrices: ci/matrices\n`,
      'ci/matrices/nightly.yaml': 'runtimes: { python: ["3.11"] }\n',
    });
    expect(plan.matricesDir).toBe(`${dir}/ci/matrices`);
    expect((await loadMatrix('nightly', plan, dir)).file).toBe('ci/matrices/nightly.yaml');
  });
});

describe('loadMatrix refuses', () => {
  it('a name with no file, listing the matrices there and the closest one', async () => {
    const error = await failure(
      {
        'matrices/nightly.yaml': 'runtimes: { python: "3.11" }\n',
        'matrices/weekly.yaml': 'runtimes: { python: "3.11" }\n',
      },
      'nigthly',
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({
      message: 'no matrix "nigthly" in matrices',
      remedy: 'did you mean "nightly"? matrices there: nightly, weekly',
    });
  });

  it('a name when the project has no matrices directory, saying how to start one', async () => {
    const error = await failure({});
    expect(error).toMatchObject({
      message: 'no matrix "nightly" in matrices',
      remedy:
        'create matrices/nightly.yaml (copy the preset matrices/nightly.yaml), or set `matrices:` in stagebisect.yaml',
    });
  });

  it('a path to a file that does not exist', async () => {
    const error = await failure({}, 'ci/missing.yaml');
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('no matrix file ci/missing.yaml');
  });

  it('versions of another language than the project, at the key', async () => {
    expect(await issues('runtimes:\n  node: ["22"]\n')).toEqual([
      'matrices/nightly.yaml:2:3: node does not fit this python project. Fix: list python versions instead, e.g. `python: ["3.13"]`',
    ]);
  });

  it('a version that is no semver range, suggesting the version it holds', async () => {
    expect(await issues('runtimes:\n  python: ["3.11", python3.13, latest]\n')).toEqual([
      'matrices/nightly.yaml:2:20: python version "python3.13" is not a version or a semver range. Fix: write "3.13"',
      'matrices/nightly.yaml:2:32: python version "latest" is not a version or a semver range. Fix: write an exact version like "3.13", or a range like ">=3.11 <3.15"',
    ]);
  });

  it('an unquoted version, which YAML reads as a number', async () => {
    expect(await issues('runtimes:\n  python: [3.11]\n')).toEqual([
      'matrices/nightly.yaml:2:12: python version must be a non-empty text, found number 3.11. Fix: put it in quotes (YAML reads 3.10 as the number 3.1): write it like `python: ["3.11", "3.13", "3.14"]`',
    ]);
  });

  it('phase names the project does not have, with the closest one', async () => {
    expect(
      await issues(`runtimes: { python: "3.13" }
phases: [health, lm]
exclude: [{ phase: dbb }]
`),
    ).toEqual([
      'matrices/nightly.yaml:2:18: no phase "lm" in shop; its phases are health, db, llm. Fix: did you mean "llm"?',
      'matrices/nightly.yaml:3:20: no phase "dbb" in shop; its phases are health, db, llm. Fix: did you mean "db"?',
    ]);
  });

  it('include and exclude runtimes of another language or with a bad version', async () => {
    expect(
      await issues(`runtimes: { python: "3.13" }
include: [{ runtime: node@22 }]
exclude: [{ runtime: python@newest }]
`),
    ).toEqual([
      'matrices/nightly.yaml:2:22: node does not fit this python project. Fix: list python versions instead, e.g. `python: ["3.13"]`',
      'matrices/nightly.yaml:3:22: python version "newest" is not a version or a semver range. Fix: write an exact version like "3.13", or a range like ">=3.11 <3.15"',
    ]);
  });

  it('every schema mistake at once, each at its position', async () => {
    expect(
      await issues(`runtimes:
  pyhton: "3.13"
exclude: [{}]
include: [{ runtime: "3.9" }]
concurrency: 32
mode: fast
fail_fast: no
`),
    ).toEqual([
      'matrices/nightly.yaml:2:3: unknown key "pyhton" in runtimes; expected one of python, node. Fix: did you mean "python"?',
      'matrices/nightly.yaml:3:11: an exclude entry needs "runtime" or "phase". Fix: add `runtime: python@3.11`',
      'matrices/nightly.yaml:4:22: runtime "3.9" must be LANGUAGE@VERSION, e.g. python@3.11 or node@22. Fix: write it like `runtime: python@3.11`',
      'matrices/nightly.yaml:5:14: concurrency must be a whole number from 1 to 16, found number 32. Fix: write it like `concurrency: 2`',
      'matrices/nightly.yaml:6:7: mode "fast" is not supported; expected one of bisect, full. Fix: write it like `mode: full`',
      'matrices/nightly.yaml:7:12: fail_fast must be true or false, found the text "no". Fix: write it like `fail_fast: true`',
    ]);
  });

  it('an empty matrix file, showing a minimal one', async () => {
    expect(await issues('')).toEqual([
      'matrices/nightly.yaml:1:1: the file is empty; a matrix file needs at least `runtimes`. Fix: start from this:\n      name: nightly\n      runtimes:\n        python:\n          - "3.11"\n          - "3.13"',
    ]);
  });
});
