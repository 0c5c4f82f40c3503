// The bundled example, as the README runs it: every layer passes on python@3.13, and on the default
// python@3.11 the llm layer cannot be built because bookworm has no python3-openai.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, transcript } from '../support/cli.js';
import { RunLedger } from '../support/engine-leftovers.js';
import { configOf, copyExample, removeTempProjects } from '../support/temp-project.js';

const LAYERS = ['health', 'db', 'redis', 'auth', 'llm'];

describe.runIf(inject('docker'))('examples/python-fastapi', () => {
  const ledger = new RunLedger();

  afterAll(async () => {
    expect(await ledger.leftovers()).toEqual({});
    await removeTempProjects();
  });

  /** `run --phase llm --runtime python@3.13 --json` on the example copied to `dir`. */
  const runLlmPhase = async (dir: string) =>
    ledger.record(
      await runCli([
        'run',
        '--config',
        configOf(dir),
        '--phase',
        'llm',
        '--runtime',
        'python@3.13',
        '--json',
      ]),
    );

  it(
    'passes all 12 checks of the five layers at phase llm on python@3.13',
    { timeout: 180_000 },
    async () => {
      const run = await runLlmPhase(await copyExample());

      expect(run.exitCode, transcript(run)).toBe(0);
      const verdict = run.json.verdict;
      expect(verdict).toMatchObject({ status: 'pass', phase: 'llm', phaseIndex: 5, runtime: 'python@3.13' });
      expect(verdict.checks).toHaveLength(12);
      expect(verdict.checks.filter((c: { status: string }) => c.status !== 'pass')).toEqual([]);
      expect([...new Set(verdict.checks.map((c: { phase: string }) => c.phase))]).toEqual(LAYERS);
      const llm = verdict.checks.find((c: { label: string }) => c.label === 'http GET /health/llm');
      expect(llm.evidence.body).toContain('mock answer');
    },
  );

  it(
    'passes the llm layer with a made-up key, OPENAI_API_KEY: sk-anything, as users prove it',
    { timeout: 180_000 },
    async () => {
      const dir = await copyExample();
      const file = path.join(dir, 'phases/50-llm.yaml');
      const text = await readFile(file, 'utf8');
      const madeUp = text.replace("OPENAI_API_KEY: '${services.llm.api_key}'", 'OPENAI_API_KEY: sk-anything');
      expect(madeUp).not.toBe(text);
      await writeFile(file, madeUp);
      const run = await runLlmPhase(dir);

      expect(run.exitCode, transcript(run)).toBe(0);
      const llm = run.json.verdict.checks.find((c: { label: string }) => c.label === 'http GET /health/llm');
      expect(llm).toMatchObject({ status: 'pass', evidence: { status: 200 } });
      expect(llm.evidence.body).toContain('mock answer');
    },
  );

  it(
    'fails the llm layer at build on the default python@3.11: bookworm has no python3-openai',
    { timeout: 180_000 },
    async () => {
      const dir = await copyExample();
      const run = ledger.record(await runCli(['run', '--config', configOf(dir), '--phase', 'llm', '--json']));

      expect(run.exitCode, transcript(run)).toBe(1);
      const verdict = run.json.verdict;
      expect(verdict).toMatchObject({ status: 'fail', phase: 'llm', runtime: 'python@3.11' });
      expect(verdict.failure.stage).toBe('build');
      expect(verdict.checks).toEqual([]);
      // The classic builder colours what a step prints to stderr; a person's terminal shows it plain.
      // eslint-disable-next-line no-control-regex
      const buildOutput = verdict.build.outputTail.join('\n').replace(/\u001b\[[0-9;]*m/g, '');
      expect(buildOutput).toContain('E: Unable to locate package python3-openai');
      expect(verdict.diagnosis).toMatchObject({ class: 'package-unavailable', subject: 'python3-openai' });
      expect(verdict.diagnosis.summary).toBe(
        'python3-openai is not available for python@3.11: apt found no such package in this Debian release.',
      );
      expect(verdict.diagnosis.remedy).toContain("phase 'llm'");
      expect(verdict.diagnosis.evidence).toEqual(['E: Unable to locate package python3-openai']);
    },
  );
});
