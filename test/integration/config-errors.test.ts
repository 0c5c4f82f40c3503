// A wrong configuration is refused before anything is built: exit 2, and every problem in every file with
// its file, line and column, what was expected and the fix. No engine is needed (or asked).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, transcript } from '../support/cli.js';
import { copyExample, removeTempProjects } from '../support/temp-project.js';

const NO_ENGINE = { DOCKER_HOST: `unix:///tmp/stagebisect-no-engine-${process.pid}.sock` };

/** Replaces `from` in a project file; returns the 1-based line and column where `to` now starts. */
async function plant(
  dir: string,
  file: string,
  from: string,
  to: string,
): Promise<{ line: number; column: number }> {
  const absolute = path.join(dir, file);
  const text = await readFile(absolute, 'utf8');
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`${file} no longer contains ${JSON.stringify(from)}`);
  await writeFile(absolute, text.slice(0, at) + to + text.slice(at + from.length));
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('configuration errors', () => {
  afterAll(removeTempProjects);

  it('names file, line and column of a mistyped check kind, with the kinds expected (exit 2)', async () => {
    const dir = await copyExample();
    const at = await plant(dir, 'phases/30-redis.yaml', 'http: GET /health/redis', 'htpp: GET /health/redis');
    const where = `phases/30-redis.yaml:${at.line}:${at.column}`;
    const message = 'unknown check kind "htpp"; expected one of http, log, exec, import, exit, tcp';

    const human = await runCli(['run'], { cwd: dir, env: NO_ENGINE });
    expect(human.exitCode, transcript(human)).toBe(2);
    expect(human.stderr).toContain(`${where}: ${message}. Fix: did you mean "http"?`);
    expect(human.stderr).not.toMatch(/\n\s+at /);

    const json = await runCli(['run', '--json'], { cwd: dir, env: NO_ENGINE });
    expect(json.exitCode).toBe(2);
    expect(json.json.error).toMatchObject({ kind: 'config', exitCode: 2 });
    expect(json.json.error.issues).toEqual([
      expect.objectContaining({ file: 'phases/30-redis.yaml', ...at, message, fix: 'did you mean "http"?' }),
    ]);
  });

  it('reports every problem in every file at once', async () => {
    const dir = await copyExample();
    const timeout = await plant(dir, 'phases/20-db.yaml', 'within_s: 20 }', 'within_s: twenty }');
    const kind = await plant(
      dir,
      'phases/30-redis.yaml',
      'http: GET /health/redis',
      'htpp: GET /health/redis',
    );
    const key = await plant(dir, 'phases/40-auth.yaml', 'apt: [python3-jwt', 'apts: [python3-jwt');

    const run = await runCli(['validate', '--json'], { cwd: dir, env: NO_ENGINE });

    expect(run.exitCode, transcript(run)).toBe(2);
    const issues = run.json.error.issues;
    expect(
      issues.map((i: { file: string; line: number; column: number }) => [i.file, i.line, i.column]),
    ).toEqual([
      ['phases/20-db.yaml', timeout.line, timeout.column + 'within_s: '.length],
      ['phases/30-redis.yaml', kind.line, kind.column],
      ['phases/40-auth.yaml', key.line, key.column],
    ]);
    expect(issues[0].message).toContain('found the text "twenty"');
    expect(issues[1].message).toContain('unknown check kind "htpp"');
    expect(issues[2]).toMatchObject({
      message: expect.stringContaining('unknown key "apts"'),
      fix: 'did you mean "apt"?',
    });
    expect(run.json.error.message).toMatch(/^configuration has 3 problems:/);
    expect(run.stderr).toContain('configuration has 3 problems:');
  });
});
