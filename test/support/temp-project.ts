// Projects the CLI runs on, in a temporary directory: a copy of a fixture or the example, or files written
// by the test itself. The originals are never touched.
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
export const EXAMPLE_DIR = new URL('../../examples/python-fastapi', import.meta.url).pathname;

/** The smallest valid python stagebisect.yaml, for tests that write a project and change one thing. */
export const SHOP_PROJECT = `name: shop
stack: python
port: 8000
start: python3 -m app
runtime: python@3.11
`;
/** A first phase with the one check a first phase needs. */
export const HEALTH_PHASE = `checks:
  - http: GET /health
`;

const made: string[] = [];

async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `stagebisect-test-${name}-`));
  made.push(dir);
  return dir;
}

/**
 * A copy of test/fixtures/NAME; returns the directory (its stagebisect.yaml is at the top). A fixture with
 * an `extends` file holds only what it changes: the fixture it names is copied first, this one over it.
 */
export async function copyFixture(name: string): Promise<string> {
  const dir = await tempDir(name);
  const source = path.join(FIXTURES, name);
  const base = await readFile(path.join(source, 'extends'), 'utf8').catch(() => undefined);
  if (base !== undefined) await cp(path.resolve(source, base.trim()), dir, { recursive: true });
  await cp(source, dir, { recursive: true, filter: (file) => path.basename(file) !== 'extends' });
  return dir;
}

/** A copy of examples/python-fastapi, or of another example by its directory name. */
export async function copyExample(name = 'python-fastapi'): Promise<string> {
  const dir = await tempDir('example');
  await cp(path.join(EXAMPLE_DIR, '..', name), dir, {
    recursive: true,
    filter: (source) => !/__pycache__|\.stagebisect|node_modules|\/dist$/.test(source),
  });
  return dir;
}

/** A project written from scratch: relative path -> contents. */
export async function writeProject(name: string, files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await tempDir(name);
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return dir;
}

export function configOf(dir: string): string {
  return path.join(dir, 'stagebisect.yaml');
}

/** Removes every directory this module made; call it in afterAll. */
export async function removeTempProjects(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
