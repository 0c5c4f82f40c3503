// missing-module: captured import failures name the module, the package to add and the layer to add it to.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { pythonPackageFor } from '../../../src/diagnose/package-names.js';
import { loadEvidence } from './load-evidence.js';
import { AUTH, HEALTH, makeInput, makeLayer } from './make-input.js';

const exit = { code: 1, oomKilled: false };

function run(fixture: string, overrides: Partial<DiagnosisInput> = {}) {
  return diagnose(makeInput({ appLog: loadEvidence(fixture), exit, ...overrides }));
}

describe('missing-module', () => {
  it('names the module and the layer that should declare it, with the Debian package first in local mode', () => {
    const diagnosis = run('python-module-not-found');
    expect(diagnosis.class).toBe('missing-module');
    expect(diagnosis.subject).toBe('jwt');
    expect(diagnosis.summary).toBe(
      "app/main.py:2 imports jwt, which is not installed in phase 'auth' on python@3.13.",
    );
    expect(diagnosis.remedy).toBe(
      "Add `python3-jwt` under `apt:` in phase 'auth' (phases/40-auth.yaml), or `PyJWT` under `pip:`.",
    );
    expect(diagnosis.evidence).toEqual([
      '  File "/app/app/main.py", line 2, in <module>',
      '    import jwt',
      "ModuleNotFoundError: No module named 'jwt'",
    ]);
  });

  it('suggests the pip name in registry mode', () => {
    expect(run('python-module-not-found', { imageMode: 'registry' }).remedy).toBe(
      "Add `PyJWT` under `pip:` in phase 'auth' (phases/40-auth.yaml).",
    );
  });

  it('recognises `python3 -m uvicorn` without uvicorn installed', () => {
    const layers = [makeLayer('health', 'phases/10-health.yaml', { apt: ['python3-fastapi'] })];
    const diagnosis = run('python-m-uvicorn-not-installed', { phase: 'health', layers });
    expect(diagnosis).toMatchObject({ class: 'missing-module', subject: 'uvicorn' });
    expect(diagnosis.remedy).toContain('`python3-uvicorn` under `apt:`');
  });

  it("in registry mode, says a Debian package cannot serve the runtime's Python", () => {
    const layers = [makeLayer('health', 'phases/10-health.yaml', { apt: ['python3-uvicorn'] })];
    const diagnosis = run('python-m-uvicorn-not-installed', {
      phase: 'health',
      layers,
      imageMode: 'registry',
    });
    expect(diagnosis.remedy).toContain('declare `uvicorn` under `pip:` instead');
  });

  it('gives the import-path remedy when the missing module is the app itself', () => {
    const diagnosis = run('python-wrong-workdir');
    expect(diagnosis).toMatchObject({ class: 'missing-module', subject: 'app' });
    expect(diagnosis.remedy).toContain("app is the app's own code");
    expect(diagnosis.remedy).toContain('PYTHONPATH');
    expect(diagnosis.remedy).toContain('/app');
    expect(diagnosis.remedy).not.toContain('apt:');
  });

  it("keeps the dotted name and points at files: when a submodule of the app's package is missing", () => {
    const diagnosis = run('python-local-module-not-found');
    expect(diagnosis.subject).toBe('app');
    expect(diagnosis.summary).toContain('imports app.routes');
    expect(diagnosis.remedy).toContain('add app/routes/ (or app/routes.py) to `files:`');
  });

  it('names a missing npm package, from require() and from import', () => {
    const node = {
      stack: 'node',
      runtime: 'node@22',
      layers: [makeLayer('api', 'phases/10-api.yaml')],
      phase: 'api',
    } as const;
    const required = run('node-cannot-find-module', node);
    expect(required).toMatchObject({ class: 'missing-module', subject: 'express' });
    expect(required.summary).toContain('server.js imports express');
    expect(required.remedy).toContain("under `npm:` in phase 'api' (phases/10-api.yaml)");
    const imported = run('node-esm-cannot-find-package', node);
    expect(imported).toMatchObject({ class: 'missing-module', subject: 'express' });
    expect(imported.summary).toContain('server.mjs imports express');
  });

  it("leaves 'cannot import name' alone: the module is there, the name is not", () => {
    expect(run('python-import-error-name', { layers: [AUTH] }).class).toBe('unclassified');
  });
});

describe('package names', () => {
  it('knows the pip and Debian names of modules whose names differ', () => {
    expect(pythonPackageFor('yaml')).toEqual({ pip: 'PyYAML', debian: 'python3-yaml', known: true });
    expect(pythonPackageFor('sklearn')).toMatchObject({ pip: 'scikit-learn', debian: 'python3-sklearn' });
  });

  it('derives the usual names for a module it does not know', () => {
    expect(pythonPackageFor('Foo_Bar')).toEqual({ pip: 'Foo_Bar', debian: 'python3-foo-bar', known: false });
  });
});

describe('missing-module: the layer that should declare it', () => {
  it('names the layer that added the importing file, not the phase under test', () => {
    const cache = makeLayer('redis', 'phases/30-redis.yaml', { files: ['cache.py'] });
    const llm = makeLayer('llm', 'phases/50-llm.yaml', { files: ['llm.py'] });
    const input = makeInput({
      phase: 'llm',
      layers: [HEALTH, cache, llm],
      appLog: [
        'Traceback (most recent call last):',
        '  File "/app/cache.py", line 4, in <module>',
        '    import redis',
        "ModuleNotFoundError: No module named 'redis'",
      ].join('\n'),
    });
    const diagnosis = diagnose(input);
    expect(diagnosis.class).toBe('missing-module');
    expect(diagnosis.subject).toBe('redis');
    expect(diagnosis.remedy).toContain("phase 'redis' (phases/30-redis.yaml)");
    expect(diagnosis.remedy).not.toContain('50-llm');
  });
});
