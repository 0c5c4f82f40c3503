// A node cell's dependency tree over a FakeDriver: resolved before the recipe, checked against the
// runtime's exact Node before anything is built, sent to the engine as its own image only when the cell is
// built, and the project's own failures (npm would refuse) diagnosed as such.
import { describe, expect, it } from 'vitest';
import type { DependencyResolution } from '../../../src/dependencies/resolve-dependencies.js';
import type { ResolvedPackage } from '../../../src/dependencies/resolved-packages.js';
import { runPhase } from '../../support/cell-harness.js';
import { check, layer, planOf } from '../../support/plan-builder.js';

const PLAN = planOf(
  [
    layer('health', { start: 'node dist/main.js', build: 'npm run build', checks: [check.log('listening')] }),
    layer('auth', { npm: { 'better-sqlite3': '13.2.0' }, checks: [check.log('auth ready')] }),
  ],
  { stack: 'node', defaultRuntime: { language: 'node', version: '20' } },
);
const HEALTHY = { app: { logs: ['listening', 'auth ready'] } };

function pkg(name: string, version: string, more: Partial<ResolvedPackage> = {}): ResolvedPackage {
  const location = name === 'api' ? '' : `node_modules/${name}`;
  return {
    name,
    version,
    location,
    hasInstallScript: false,
    gypfile: false,
    dev: false,
    optional: false,
    ...more,
  };
}

/** The tree of each phase: the project, express, and better-sqlite3 13 (engines >=22) from auth on. */
function trees(phase: string): DependencyResolution {
  const packages = [
    pkg('api', '1.0.0'),
    pkg('express', '5.3.0', { enginesNode: '>= 18' }),
    ...(phase === 'auth' ? [pkg('better-sqlite3', '13.2.0', { enginesNode: '>=22' })] : []),
    ...(phase === 'native' ? [pkg('bcrypt', '6.0.0', { hasInstallScript: true, gypfile: true })] : []),
  ];
  const hash = (phase === 'health' ? 'aa' : 'bb').repeat(32);
  return {
    ok: true,
    tree: {
      hash,
      dir: `/cache/node-trees/${hash}`,
      nodeModules: `/cache/node-trees/${hash}/node_modules`,
      lockfile: `{"lockfileVersion":3,"phase":"${phase}"}`,
      packages,
      warnings: [],
      cached: true,
    },
  };
}

const on20 = {
  nodeVersions: { 'node@20': '20.20.2' },
  nodeTree: (cell: { phase: { name: string } }) => trees(cell.phase.name),
};

describe('the dependency tree of a node cell', () => {
  it('is copied from its own image, made present once the cell is built', async () => {
    const { verdict, driver } = await runPhase(PLAN, 'health', { health: HEALTHY }, {}, on20);
    expect(verdict.status).toBe('pass');
    const ref = `stagebisect-deps/shop:${'aa'.repeat(6)}`;
    expect(driver.dependencyImages).toEqual([ref]);
    const [recipe] = driver.recipes;
    expect(recipe!.recipe.dockerfile).toContain(`COPY --from=${ref} /node_modules/ /app/node_modules/`);
    expect(recipe!.recipe.dockerfile).not.toContain('npm rebuild');
    expect(recipe!.recipe.nodeTree).toMatchObject({ hash: 'aa'.repeat(32), image: ref });
    expect(recipe!.lockfile).toBe('{"lockfileVersion":3,"phase":"health"}');
  });

  it('fails a package whose engines exclude the exact Node before anything is built, keeping a key', async () => {
    const { verdict, driver } = await runPhase(PLAN, 'auth', { auth: HEALTHY }, {}, on20);
    expect(verdict.status).toBe('fail');
    expect(verdict.failure?.stage).toBe('build');
    expect(verdict.diagnosis).toMatchObject({ class: 'package-unavailable', subject: 'better-sqlite3' });
    expect(verdict.diagnosis?.summary).toBe(
      'better-sqlite3@13.2.0 requires node >=22, which node@20 (Node 20.20.2) does not satisfy.',
    );
    expect(verdict.diagnosis?.remedy).toContain("phase 'auth' (phases/20-auth.yaml)");
    expect(verdict.key).toMatch(/^[0-9a-f]{64}$/);
    expect(driver.built).toEqual([]);
    expect(driver.dependencyImages).toEqual([]);
    expect(driver.containers).toEqual([]);
  });

  it('passes the same tree on a Node its engines accept', async () => {
    const plan = { ...PLAN, defaultRuntime: { language: 'node' as const, version: '22' } };
    const { verdict, driver } = await runPhase(plan, 'auth', { auth: HEALTHY }, {}, on20);
    expect(verdict.status).toBe('pass');
    expect(driver.built).toEqual(['auth']);
  });

  it('rebuilds in the image when a package has an install script or a binding.gyp', async () => {
    const plan = planOf([layer('native', { checks: [check.log('listening')] })], {
      stack: 'node',
      defaultRuntime: { language: 'node', version: '22' },
    });
    const { driver } = await runPhase(plan, 'native', { native: HEALTHY }, {}, on20);
    expect(driver.recipes[0]!.recipe.dockerfile).toContain('npm rebuild --foreground-scripts');
  });

  it('fails with a diagnosis, and builds nothing, when npm would refuse the lockfile', async () => {
    const refused: DependencyResolution = {
      ok: false,
      failure: {
        kind: 'lockfile-out-of-sync',
        lockfile: 'package-lock.json',
        packages: [{ name: 'express', wanted: '5.3.0', range: '^5.3.0', locked: '4.21.2' }],
        message:
          'package-lock.json is out of sync with package.json, so `npm ci` refuses to install: express: package-lock.json has 4.21.2, but package.json asks for ^5.3.0.',
        remedy: 'Run `npm install` in the project and commit the updated package-lock.json.',
      },
    };
    const { verdict, driver } = await runPhase(
      PLAN,
      'health',
      { health: HEALTHY },
      {},
      { nodeTree: () => refused },
    );
    expect(verdict.status).toBe('fail');
    expect(verdict.failure).toEqual({ stage: 'build', message: refused.failure.message });
    expect(verdict.diagnosis).toMatchObject({
      class: 'package-unavailable',
      subject: 'express',
      remedy: refused.failure.remedy,
    });
    expect(verdict.key).toBeUndefined();
    expect(driver.built).toEqual([]);
  });

  it("reports the resolver's warnings with the verdict", async () => {
    const yarn =
      'yarn.lock was read by npm (arborist), which keeps the versions it pins; the host runs yarn itself';
    const withWarning = (): DependencyResolution => {
      const resolution = trees('health');
      return resolution.ok ? { ok: true, tree: { ...resolution.tree, warnings: [yarn] } } : resolution;
    };
    const { verdict } = await runPhase(PLAN, 'health', { health: HEALTHY }, {}, { nodeTree: withWarning });
    expect(verdict.status).toBe('pass');
    expect(verdict.warnings).toEqual([yarn]);
  });

  it('copies nothing for a cell without dependencies', async () => {
    const { driver } = await runPhase(PLAN, 'health', { health: HEALTHY });
    expect(driver.recipes[0]!.recipe.nodeTree).toBeNull();
    expect(driver.recipes[0]!.recipe.dockerfile).not.toContain('node_modules');
  });
});
