// Issue 11's acceptance, run as a user would with the built CLI: `stagebisect schema` prints a schema any
// JSON tool reads, a transposed key and an empty phase file are refused (exit 2) at their position with
// the fix. No engine is needed (or asked).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runCli, transcript } from '../support/cli.js';
import { copyExample, removeTempProjects } from '../support/temp-project.js';

const NO_ENGINE = { DOCKER_HOST: `unix:///tmp/stagebisect-no-engine-${process.pid}.sock` };

afterAll(removeTempProjects);

describe('stagebisect schema', () => {
  it('prints the phase schema as JSON that `node -e JSON.parse` reads (exit 0)', async () => {
    const pipe = await execa(
      'sh',
      ['-c', `node ${CLI_BIN} schema phase | node -e 'JSON.parse(require("fs").readFileSync(0))'`],
      { cwd: REPO_ROOT, reject: false },
    );
    expect(pipe.exitCode, pipe.stderr).toBe(0);
  });

  it('prints each kind as a draft 2020-12 schema a standard validator compiles (project by default)', async () => {
    for (const [args, kind] of [
      [['schema'], 'project'],
      [['schema', 'phase', '--json'], 'phase'],
      [['schema', 'matrix'], 'matrix'],
    ] as const) {
      const run = await runCli(args);
      expect(run.exitCode, transcript(run)).toBe(0);
      expect(run.json.$id).toMatch(new RegExp(`/${kind}\\.schema\\.json$`));
      const ajv = new Ajv2020({ strict: false });
      expect(() => ajv.compile(run.json)).not.toThrow();
    }
  });

  it('refuses an unknown kind as a usage error (exit 2), suggesting the closest', async () => {
    const run = await runCli(['schema', 'phsae']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('there is no schema "phsae"');
    expect(run.stderr).toContain('did you mean "phase"? the schemas are project, phase, matrix');
  });
});

describe('configuration refused before anything runs', () => {
  it('`prot: 8000` in stagebisect.yaml: exit 2, its position and did you mean "port"', async () => {
    const dir = await copyExample();
    const config = path.join(dir, 'stagebisect.yaml');
    const lines = (await readFile(config, 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.startsWith('port: 8000')) + 1;
    lines[line - 1] = 'prot: 8000';
    await writeFile(config, lines.join('\n'));

    for (const command of [['validate'], ['run']]) {
      const run = await runCli(command, { cwd: dir, env: NO_ENGINE });
      expect(run.exitCode, transcript(run)).toBe(2);
      expect(run.stderr).toContain(`stagebisect.yaml:${line}:1: unknown key "prot" in stagebisect.yaml;`);
      expect(run.stderr).toContain('Fix: did you mean "port"?');
      expect(run.stderr).toContain('configuration has 1 problem');
    }
  });

  it('an empty phase file: exit 2, its position and a minimal phase to start from', async () => {
    const dir = await copyExample();
    await writeFile(path.join(dir, 'phases/60-extra.yaml'), '');
    const run = await runCli(['validate', '--json'], { cwd: dir, env: NO_ENGINE });
    expect(run.exitCode, transcript(run)).toBe(2);
    expect(run.json.error.issues).toEqual([
      expect.objectContaining({
        file: 'phases/60-extra.yaml',
        line: 1,
        column: 1,
        message: 'the file is empty; a phase file needs at least `name: health`',
        fix: 'start from this:\nname: health\nchecks:\n  - http: GET /health',
      }),
    ]);
    expect(run.stderr).toContain(
      'phases/60-extra.yaml:1:1: the file is empty; a phase file needs at least `name: health`. Fix: start from this:\n      name: health\n      checks:\n        - http: GET /health',
    );
  });
});
