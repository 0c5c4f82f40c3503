// `stagebisect demo`: the bundled example with one planted defect (the auth layer no longer installs
// python3-jwt), bisected on the real engine; the culprit and the cause are named, and the exit code is 1.
// With --deep, the additions of the auth layer that break it: the file that imports jwt and its flag.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, transcript } from '../support/cli.js';
import { RunLedger } from '../support/engine-leftovers.js';

describe.runIf(inject('docker'))('demo', () => {
  const ledger = new RunLedger();

  let kept: string | undefined;

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    if (kept) await rm(kept, { recursive: true, force: true });
  });

  it('names the auth layer and the missing jwt module in its JSON report', { timeout: 240_000 }, async () => {
    const run = ledger.record(await runCli(['demo', '--json']));

    expect(run.exitCode, transcript(run)).toBe(1);
    const report = run.json;
    expect(report.command).toBe('demo');
    expect(report.planted.file).toBe('phases/40-auth.yaml');
    expect(report.culprit).toEqual({ phase: 'auth', index: 4, file: 'phases/40-auth.yaml' });
    expect(report.lastGood).toEqual({ phase: 'redis', index: 3 });
    expect(report.diagnosis).toMatchObject({ class: 'missing-module', subject: 'jwt' });
    expect(report.diagnosis.remedy).toContain('python3-jwt');
    expect(report.probes).toBeLessThanOrEqual(4);
  });

  it(
    '--deep reports the 1-minimal set of the auth layer: the file that imports jwt, with the flag that loads it',
    { timeout: 600_000 },
    async () => {
      const run = ledger.record(await runCli(['demo', '--deep', '--json'], { timeoutMs: 540_000 }));

      expect(run.exitCode, transcript(run)).toBe(1);
      const deep = run.json.deep;
      expect(deep).toMatchObject({ phase: 'auth', base: 'redis', failure: 'missing-module (jwt)' });
      expect(deep.additions.map((a: { label: string }) => a.label)).toEqual([
        'apt python3-passlib',
        'apt python3-bcrypt',
        'file app/auth.py',
        'env FEATURE_AUTH',
        'env JWT_SECRET',
      ]);
      expect(deep.minimal).toEqual([
        { kind: 'file', name: 'app/auth.py', label: 'file app/auth.py' },
        { kind: 'env', name: 'FEATURE_AUTH', label: 'env FEATURE_AUTH' },
      ]);
      expect(deep.diagnosis).toMatchObject({ class: 'missing-module', subject: 'jwt' });
      expect(deep.probeOrder).toHaveLength(deep.probes);
      // 1-minimal: each of the two alone was probed, and neither fails the culprit's way.
      const outcomeOf = (labels: string[]) =>
        deep.probeOrder.find((p: { additions: string[] }) => p.additions.join() === labels.join())?.outcome;
      expect(outcomeOf(['file app/auth.py', 'env FEATURE_AUTH'])).toBe('fail');
      expect(outcomeOf(['file app/auth.py'])).toBe('unresolved');
      expect(outcomeOf(['env FEATURE_AUTH'])).toBe('unresolved');
    },
  );

  it(
    'tells a person which layer broke and why, and keeps the project with --keep',
    { timeout: 240_000 },
    async () => {
      kept = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-test-demo-keep-'));
      const dir = path.join(kept, 'project');
      const run = ledger.record(await runCli(['demo', '--keep', dir]));

      expect(run.exitCode, transcript(run)).toBe(1);
      expect(run.stdout).toContain('planted: removed python3-jwt from the auth layer (phases/40-auth.yaml)');
      expect(run.stdout).toContain('first failing phase: auth (4 of 5, phases/40-auth.yaml)');
      expect(run.stdout).toContain('last good phase:     redis (3)');
      expect(run.stdout).toContain('diagnosis: missing-module (jwt)');
      expect(run.stdout).toContain("ModuleNotFoundError: No module named 'jwt'");
      expect(run.stdout).toContain(`the project is kept in ${dir}`);
      const auth = await readFile(path.join(dir, 'phases/40-auth.yaml'), 'utf8');
      expect(auth).toContain('python3-passlib');
      expect(auth).not.toContain('python3-jwt');
    },
  );
});
