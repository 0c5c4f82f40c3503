// What a command loads before it does anything: every run pays for it. A python project's run loads
// neither npm's resolver (arborist and ~70 packages it brings) nor execa (~0.1 s), which only node
// cells and image builds need.
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, transcript } from '../support/cli.js';
import { configOf, copyExample, removeTempProjects } from '../support/temp-project.js';

const HOOK = new URL('../support/record-modules.mjs', import.meta.url).href;
const NO_ENGINE = `unix:///tmp/stagebisect-no-engine-${process.pid}.sock`;

describe('start-up', () => {
  afterAll(removeTempProjects);

  it("a python project's run loads no npm resolver and no execa", async () => {
    const dir = await copyExample();
    const log = path.join(os.tmpdir(), `stagebisect-modules-${process.pid}.log`);
    await rm(log, { force: true });
    // Without an engine the run ends at its first question to it, with every module of the run loaded.
    const run = await runCli(['run', '--config', configOf(dir)], {
      env: { NODE_OPTIONS: `--import=${HOOK}`, STAGEBISECT_MODULE_LOG: log, DOCKER_HOST: NO_ENGINE },
    });
    expect(run.exitCode, transcript(run)).toBe(125);

    const loaded = (await readFile(log, 'utf8')).split('\n');
    await rm(log, { force: true });
    expect(loaded.some((url) => url.includes('/dist/engine/run-cell.js'))).toBe(true);
    expect(loaded.filter((url) => /node_modules\/(@npmcli|execa|pacote)\//.test(url))).toEqual([]);
  });
});
