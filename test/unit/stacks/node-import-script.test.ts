// The node stack's import check, run by this host's Node in a project directory laid out as an image's /app:
// CommonJS and ESM packages, scoped and deep imports, a package whose exports offer only `require`, and
// the project's own compiled files and directories all load; a module that throws, or is missing, fails.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeStack } from '../../../src/stacks/node-stack.js';

let app: string;

const FILES: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ name: 'app', type: 'module' }),
  'node_modules/cjs-pkg/package.json': JSON.stringify({ name: 'cjs-pkg', main: 'lib/index' }),
  'node_modules/cjs-pkg/lib/index.js': "module.exports = 'cjs';",
  'node_modules/esm-pkg/package.json': JSON.stringify({
    name: 'esm-pkg',
    type: 'module',
    exports: { '.': './index.js', './sub': './sub.js' },
  }),
  'node_modules/esm-pkg/index.js': "export default 'esm';",
  'node_modules/esm-pkg/sub.js': "export const sub = 'sub';",
  'node_modules/require-only/package.json': JSON.stringify({
    name: 'require-only',
    exports: { '.': { require: './index.cjs' } },
  }),
  'node_modules/require-only/index.cjs': "module.exports = 'required';",
  'node_modules/@scope/pkg/package.json': JSON.stringify({ name: '@scope/pkg', main: 'index.js' }),
  'node_modules/@scope/pkg/index.js': "module.exports = 'scoped';",
  'node_modules/throws/package.json': JSON.stringify({ name: 'throws', main: 'index.js' }),
  'node_modules/throws/index.js': "throw new Error('DATABASE_URL is not set');",
  'dist/db.js': "import esm from 'esm-pkg'; export const db = esm;",
  'legacy/package.json': JSON.stringify({ type: 'commonjs' }),
  'legacy/index.js': "module.exports = require('cjs-pkg');",
};

beforeAll(async () => {
  app = await mkdtemp(path.join(os.tmpdir(), 'stagebisect-import-'));
  for (const [file, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(app, file)), { recursive: true });
    await writeFile(path.join(app, file), text);
  }
});

afterAll(async () => {
  await rm(app, { recursive: true, force: true });
});

async function importIn(module: string): Promise<{ exitCode: number; output: string }> {
  const [command, ...args] = nodeStack.importArgv(module);
  const result = await execa(command!, args, { cwd: app, reject: false, all: true, env: {} });
  return { exitCode: result.exitCode ?? -1, output: result.all ?? '' };
}

describe('the node import check', () => {
  it.each(['cjs-pkg', 'esm-pkg', 'esm-pkg/sub', '@scope/pkg', 'require-only', 'node:fs'])(
    'loads the package %s',
    async (module) => {
      expect(await importIn(module)).toMatchObject({ exitCode: 0 });
    },
  );

  it.each(['dist/db.js', './dist/db.js', 'legacy'])("loads the project's own %s", async (module) => {
    expect(await importIn(module)).toMatchObject({ exitCode: 0 });
  });

  it('fails with the error a module throws as it loads', async () => {
    const result = await importIn('throws');
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain('Error: DATABASE_URL is not set');
  });

  it('fails for a package that is not installed, as the missing-module rule reads it', async () => {
    const result = await importIn('jose');
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/Cannot find package 'jose' imported from/);
  });
});
