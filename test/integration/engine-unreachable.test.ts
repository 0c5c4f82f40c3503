// Without an engine: infrastructure trouble is exit 125 with one sentence and a remedy, and a runtime no
// image can serve is a usage error (exit 2) found before the engine is asked anything.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, transcript } from '../support/cli.js';
import { configOf, copyExample, removeTempProjects } from '../support/temp-project.js';

/** A socket nothing listens on. */
const NO_ENGINE = { DOCKER_HOST: `unix:///tmp/stagebisect-no-engine-${process.pid}.sock` };

describe('no engine', () => {
  afterAll(removeTempProjects);

  it.each([['run'], ['bisect']])('%s exits 125 naming the engine address and the remedy', async (command) => {
    const dir = await copyExample();
    const run = await runCli([command, '--config', configOf(dir), '--json'], { env: NO_ENGINE });

    expect(run.exitCode, transcript(run)).toBe(125);
    const error = run.json.error;
    expect(error).toMatchObject({ kind: 'infra', exitCode: 125, code: 'engine-unreachable' });
    expect(error.message).toBe(`No Docker engine answers at ${NO_ENGINE.DOCKER_HOST}.`);
    expect(error.remedy).toContain('stagebisect engine start');
    expect(error.remedy).toContain('DOCKER_HOST');
    expect(run.stderr).toContain('infrastructure error (engine-unreachable)');
    expect(run.stderr).toContain('the app was not judged; exit code 125');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.durationMs).toBeLessThan(10_000);
  });

  it('refuses a runtime no local image serves with exit 2, listing the ones that can, before asking the engine', async () => {
    const dir = await copyExample();
    const run = await runCli(['run', '--config', configOf(dir), '--runtime', 'python@3.12', '--json'], {
      env: NO_ENGINE,
    });

    expect(run.exitCode, transcript(run)).toBe(2);
    const error = run.json.error;
    expect(error.kind).toBe('usage');
    expect(error.message).toContain('no local image can serve python@3.12');
    expect(error.remedy).toBe(
      'pick one of python@3.9, python@3.11, python@3.13, python@3.14 (or use images: registry)',
    );
  });

  it('refuses a runtime of another stack with exit 2', async () => {
    const dir = await copyExample();
    const run = await runCli(['run', '--config', configOf(dir), '--runtime', 'node@22', '--json'], {
      env: NO_ENGINE,
    });

    expect(run.exitCode, transcript(run)).toBe(2);
    expect(run.json.error.message).toBe('--runtime node@22 does not fit this python project');
  });
});
