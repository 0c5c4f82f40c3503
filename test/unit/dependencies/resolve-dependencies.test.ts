// The resolver against a real (local) npm registry: lockfile handling as `npm ci` does it, the project's
// .npmrc honoured, scripts never run on the host, failures as data, and a content-addressed cache.
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  resolveDependencies,
  type DependencyRequest,
  type DependencyResolution,
  type DependencyTree,
} from '../../../src/dependencies/resolve-dependencies.js';
import { defaultTreeCacheRoot } from '../../../src/dependencies/tree-cache.js';
import { ConfigError } from '../../../src/errors.js';
import { useLocalRegistry } from '../../support/local-registry-fixture.js';

const local = useLocalRegistry({
  left: { '1.0.0': {}, '1.1.0': {} },
  right: { '2.0.0': { dependencies: { left: '^1.0.0' } } },
  // A native addon: npm runs `node-gyp rebuild` for a binding.gyp; here a postinstall leaves a mark if run.
  addon: {
    '1.0.0': {
      engines: { node: '>=22' },
      scripts: { postinstall: "node -e \"require('fs').writeFileSync('SCRIPT-RAN', '')\"" },
      files: { 'binding.gyp': "{ 'targets': [] }\n" },
    },
  },
  devtool: { '1.0.0': {} },
});
const project = (files: Record<string, unknown>): Promise<string> => local.project(files);

const manifest = {
  name: 'api',
  version: '1.0.0',
  dependencies: { left: '^1.0.0', addon: '1.0.0' },
  devDependencies: { devtool: '^1.0.0' },
};

function lockEntry(
  name: string,
  version: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const { url, integrity } = local.registry.tarball(name, version);
  return { version, resolved: url, integrity, ...extra };
}

/** The lockfile `npm install` writes for `manifest`, pinning left at 1.0.0 although 1.1.0 exists. */
function lockfile(): Record<string, unknown> {
  return {
    name: 'api',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': {
        name: 'api',
        version: '1.0.0',
        dependencies: manifest.dependencies,
        devDependencies: manifest.devDependencies,
      },
      'node_modules/addon': lockEntry('addon', '1.0.0', {
        hasInstallScript: true,
        engines: { node: '>=22' },
      }),
      'node_modules/devtool': lockEntry('devtool', '1.0.0', { dev: true }),
      'node_modules/left': lockEntry('left', '1.0.0'),
    },
  };
}

const request = (contextDir: string, changes: Partial<DependencyRequest> = {}): DependencyRequest => ({
  contextDir,
  extra: {},
  includeDev: false,
  nodeVersion: '22.23.5',
  ...changes,
});

const resolve = (req: DependencyRequest) =>
  resolveDependencies(req, { cacheRoot: path.join(local.work, 'trees') });

function tree(resolution: DependencyResolution): DependencyTree {
  if (!resolution.ok) throw new Error(`expected a tree, got ${resolution.failure.message}`);
  return resolution.tree;
}

const versions = (t: DependencyTree) => Object.fromEntries(t.packages.map((p) => [p.location, p.version]));

describe('resolveDependencies with a lockfile (npm ci)', () => {
  it('installs exactly what the lockfile pins, without dev dependencies, and never runs a script', async () => {
    const dir = await project({ 'package.json': manifest, 'package-lock.json': lockfile() });
    const result = tree(await resolve(request(dir)));
    expect(versions(result)).toEqual({
      '': '1.0.0',
      'node_modules/addon': '1.0.0',
      'node_modules/left': '1.0.0',
    });
    const installed = JSON.parse(
      await readFile(path.join(result.nodeModules, 'left', 'package.json'), 'utf8'),
    );
    expect(installed.version).toBe('1.0.0');
    expect(result.packages.find((p) => p.name === 'addon')).toMatchObject({
      enginesNode: '>=22',
      hasInstallScript: true,
      gypfile: true,
    });
    expect(existsSync(path.join(result.nodeModules, 'addon', 'SCRIPT-RAN'))).toBe(false);
    expect(JSON.parse(result.lockfile).packages['node_modules/left'].version).toBe('1.0.0');
    expect(result.cached).toBe(false);
    // The project's .npmrc named the registry: every fetch went there.
    expect(local.registry.requests).toContain('/left/-/left-1.0.0.tgz');
  });

  it('includes dev dependencies when asked, as for a layer with a build step', async () => {
    const dir = await project({ 'package.json': manifest, 'package-lock.json': lockfile() });
    const result = tree(await resolve(request(dir, { includeDev: true })));
    expect(result.packages.find((p) => p.name === 'devtool')).toMatchObject({ version: '1.0.0', dev: true });
  });

  it('fails, naming the package, when package.json asks for what the lockfile lacks', async () => {
    const dir = await project({
      'package.json': { ...manifest, dependencies: { ...manifest.dependencies, right: '^2.0.0' } },
      'package-lock.json': lockfile(),
    });
    const result = await resolve(request(dir));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({
      kind: 'lockfile-out-of-sync',
      lockfile: 'package-lock.json',
      packages: [{ name: 'right', wanted: '2.0.0', range: '^2.0.0' }],
    });
    expect(result.failure.message).toContain(
      'right: missing from package-lock.json (package.json asks for ^2.0.0)',
    );
    expect(result.failure.remedy).toContain('npm install');
  });

  it('fails when the lockfile pins a version package.json no longer accepts', async () => {
    const dir = await project({
      'package.json': { ...manifest, dependencies: { ...manifest.dependencies, left: '~1.1.0' } },
      'package-lock.json': lockfile(),
    });
    const result = await resolve(request(dir));
    expect(result.ok ? undefined : result.failure).toMatchObject({
      kind: 'lockfile-out-of-sync',
      packages: [{ name: 'left', locked: '1.0.0', wanted: '1.1.0', range: '~1.1.0' }],
    });
  });

  it("adds a phase's npm: dependencies on top of the lock, keeping the versions it pins", async () => {
    const dir = await project({ 'package.json': manifest, 'package-lock.json': lockfile() });
    const result = tree(await resolve(request(dir, { extra: { right: '^2.0.0' } })));
    expect(versions(result)).toMatchObject({ 'node_modules/left': '1.0.0', 'node_modules/right': '2.0.0' });
  });

  it('reads npm-shrinkwrap.json like package-lock.json', async () => {
    const dir = await project({ 'package.json': manifest, 'npm-shrinkwrap.json': lockfile() });
    expect(versions(tree(await resolve(request(dir))))['node_modules/left']).toBe('1.0.0');
  });
});

describe('resolveDependencies without an npm lockfile', () => {
  it('resolves ranges as `npm install` does: the newest matching version', async () => {
    const dir = await project({ 'package.json': manifest });
    expect(versions(tree(await resolve(request(dir))))['node_modules/left']).toBe('1.1.0');
  });

  it('keeps the versions a yarn 1 yarn.lock pins, and says that npm read it', async () => {
    const { url, integrity } = local.registry.tarball('left', '1.0.0');
    const yarnLock = [
      '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.',
      '# yarn lockfile v1',
      '',
      '',
      'left@^1.0.0:',
      '  version "1.0.0"',
      `  resolved "${url}"`,
      `  integrity ${integrity}`,
      '',
    ].join('\n');
    const dir = await project({
      'package.json': { name: 'api', dependencies: { left: '^1.0.0' } },
      'yarn.lock': yarnLock,
    });
    const result = tree(await resolve(request(dir)));
    expect(versions(result)['node_modules/left']).toBe('1.0.0');
    expect(result.warnings.join(' ')).toContain('yarn.lock');
  });

  it.each([
    ['pnpm-lock.yaml', "lockfileVersion: '9.0'\n"],
    ['yarn.lock', '__metadata:\n  version: 8\n'],
  ])('says what is supported when the only lockfile is %s', async (name, text) => {
    const dir = await project({ 'package.json': manifest, [name]: text });
    const before = local.registry.requests.length;
    const result = await resolve(request(dir));
    expect(result.ok ? undefined : result.failure).toMatchObject({
      kind: 'unsupported-lockfile',
      lockfile: name,
    });
    if (!result.ok) expect(result.failure.message).toContain('package-lock.json or npm-shrinkwrap.json');
    expect(local.registry.requests.length).toBe(before);
  });
});

describe('resolveDependencies failures', () => {
  it('is a ConfigError with line and column for a malformed package.json, not "no dependencies"', async () => {
    const dir = await project({
      'package.json':
        '{\n  "name": "api",\n  "dependencies": {\n    "left": "^1.0.0"\n    "right": "^2.0.0"\n  }\n}\n',
    });
    const error = await resolve(request(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]).toMatchObject({
      file: path.join(dir, 'package.json'),
      line: 5,
      column: 5,
      message: "package.json is not valid JSON: expected ',' or '}', found '\"'",
    });
  });

  it('names a package the registry does not have, and a range it has no version for', async () => {
    const dir = await project({ 'package.json': { name: 'api' } });
    const missing = await resolve(request(dir, { extra: { 'no-such-package': '^1.0.0' } }));
    expect(missing.ok ? undefined : missing.failure).toMatchObject({
      kind: 'package-not-found',
      package: 'no-such-package',
    });
    const range = await resolve(request(dir, { extra: { left: '^9.0.0' } }));
    expect(range.ok ? undefined : range.failure).toMatchObject({
      kind: 'no-matching-version',
      package: 'left',
      range: '^9.0.0',
    });
  });
});

describe("the user's npm configuration", () => {
  it("sends the registry token the project's .npmrc sets, as npm would", async () => {
    const dir = await project({ 'package.json': { name: 'api', dependencies: { right: '2.0.0' } } });
    const host = local.registry.url.replace(/^http:/, '');
    await writeFile(
      path.join(dir, '.npmrc'),
      `registry=${local.registry.url}\n${host}:_authToken=test-token\n`,
    );
    const before = local.registry.requests.length;
    tree(await resolve(request(dir)));
    const sent = local.registry.authorizations.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent)).toEqual(new Set(['Bearer test-token']));
  });

  it("reads each project's own .npmrc without writing it into this process's environment", async () => {
    const dir = await project({ 'package.json': { name: 'api', dependencies: { left: '1.1.0' } } });
    tree(await resolve(request(dir)));
    // npm's config loader exports npm_config_* for npm's children; here that would leak one project's
    // registry into every later project's resolve, and into every process stagebisect starts.
    const leaked = Object.entries(process.env).filter(([, value]) => value?.includes(local.registry.url));
    expect(leaked).toEqual([]);
  });

  it('goes through the proxy npm is configured with', async () => {
    const dir = await project({ 'package.json': { name: 'api', dependencies: { left: '1.0.0' } } });
    // The registry's name does not resolve: only the proxy can fetch from it.
    await writeFile(
      path.join(dir, '.npmrc'),
      `registry=http://registry.invalid/\nproxy=${local.registry.url}\n`,
    );
    const result = tree(await resolve(request(dir)));
    expect(versions(result)['node_modules/left']).toBe('1.0.0');
    expect(local.registry.proxied).toContain('http://registry.invalid/left');
  });
});

describe('the tree cache', () => {
  it('lives under $XDG_CACHE_HOME when it is set, else under ~/.cache', () => {
    const saved = process.env.XDG_CACHE_HOME;
    try {
      process.env.XDG_CACHE_HOME = '/somewhere/cache';
      expect(defaultTreeCacheRoot()).toBe('/somewhere/cache/stagebisect/node-trees');
      delete process.env.XDG_CACHE_HOME;
      expect(defaultTreeCacheRoot()).toBe(path.join(os.homedir(), '.cache', 'stagebisect', 'node-trees'));
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });

  it('serves a second resolve of the same inputs from disk, without asking the registry', async () => {
    const dir = await project({ 'package.json': manifest, 'package-lock.json': lockfile() });
    const first = tree(await resolve(request(dir, { extra: { right: '^2.0.0' } })));
    const before = local.registry.requests.length;
    const second = tree(await resolve(request(dir, { extra: { right: '^2.0.0' } })));
    expect(second).toMatchObject({
      hash: first.hash,
      dir: first.dir,
      cached: true,
      packages: first.packages,
    });
    expect(local.registry.requests.length).toBe(before);
  });

  it('installs once for two cells that need the same tree at once, and leaves no staging directory', async () => {
    const dir = await project({ 'package.json': manifest, 'package-lock.json': lockfile() });
    const req = request(dir, { extra: { right: '^2.0.0' }, nodeVersion: '24.22.3' });
    const before = local.registry.requests.filter((r) => r.endsWith('right-2.0.0.tgz')).length;
    const [a, b] = await Promise.all([resolve(req), resolve(req)]);
    expect(tree(a).dir).toBe(tree(b).dir);
    expect(
      local.registry.requests.filter((r) => r.endsWith('right-2.0.0.tgz')).length - before,
    ).toBeLessThanOrEqual(1);
    expect(readdirSync(path.join(local.work, 'trees')).filter((name) => name.startsWith('.staging'))).toEqual(
      [],
    );
  });
});
