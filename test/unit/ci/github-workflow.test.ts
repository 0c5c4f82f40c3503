// The workflow `ci init` writes parses as YAML and holds the job matrix it promises.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { githubWorkflow } from '../../../src/ci/github-workflow.js';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, string>;
}

const base = {
  matrix: 'nightly',
  config: 'services/api/stagebisect.yaml',
  cacheDir: 'services/api/.stagebisect/cache',
  schedule: '0 3 * * *',
  shards: 3,
  images: 'registry' as const,
  nodeVersion: '22',
};

describe('githubWorkflow', () => {
  it('runs the shards as a job matrix on a schedule, then merges them into one report', () => {
    const workflow = parse(githubWorkflow(base)) as {
      on: { schedule: { cron: string }[] };
      jobs: Record<
        string,
        {
          needs?: string;
          if?: string;
          strategy?: { 'fail-fast': boolean; matrix: { shard: number[] } };
          steps: Step[];
        }
      >;
    };
    expect(workflow.on.schedule).toEqual([{ cron: '0 3 * * *' }]);
    expect(workflow.jobs.matrix!.strategy).toEqual({ 'fail-fast': false, matrix: { shard: [1, 2, 3] } });
    const steps = workflow.jobs.matrix!.steps;
    const run = steps.find((s) => s.name === 'run the shard')!;
    expect(run.run).toBe(
      'npx stagebisect matrix nightly --config services/api/stagebisect.yaml --cache-dir services/api/.stagebisect/cache --shard ${{ matrix.shard }}/3 --json stagebisect-shard-${{ matrix.shard }}.json',
    );
    const restore = steps.find((s) => s.uses === 'actions/cache/restore@v4')!;
    const save = steps.find((s) => s.uses === 'actions/cache/save@v4')!;
    expect(restore.with!.path).toBe('services/api/.stagebisect/cache');
    expect(restore.with!['restore-keys']).toBe('stagebisect-nightly-${{ matrix.shard }}-of-3-');
    expect(save.with!.key).toBe(restore.with!.key);
    expect(save.if).toBe('always()');
    const report = workflow.jobs.report!;
    expect(report.needs).toBe('matrix');
    expect(report.if).toBe('always()');
    expect(report.steps.map((s) => s.run).filter(Boolean)).toContain(
      'npx stagebisect report merge stagebisect-shard-*.json --json stagebisect.json --junit stagebisect.xml --markdown stagebisect.md',
    );
  });

  it('installs debootstrap and runs as root for local images', () => {
    const workflow = parse(
      githubWorkflow({ ...base, images: 'local', shards: 1, config: 'stagebisect.yaml' }),
    ) as {
      jobs: { matrix: { strategy: { matrix: { shard: number[] } }; steps: Step[] } };
    };
    expect(workflow.jobs.matrix.strategy.matrix.shard).toEqual([1]);
    const runs = workflow.jobs.matrix.steps.map((s) => s.run ?? '');
    expect(runs).toContain('sudo apt-get update -q && sudo apt-get install -y -q debootstrap');
    expect(runs.find((r) => r.includes('matrix nightly'))).toMatch(
      /^sudo --preserve-env env "PATH=\$PATH" npx stagebisect matrix nightly --cache-dir/,
    );
  });
});
