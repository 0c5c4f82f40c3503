// Diagnoses known before a build: a package's engines excluding the runtime, and an install npm refuses.
import { describe, expect, it } from 'vitest';
import type { DependencyFailure } from '../../../src/dependencies/dependency-failure.js';
import { checkEngines } from '../../../src/dependencies/engines-check.js';
import type { ResolvedPackage } from '../../../src/dependencies/resolved-packages.js';
import {
  diagnoseDependencyFailure,
  diagnoseEngineMismatch,
} from '../../../src/diagnose/dependency-diagnosis.js';
import { makeLayer } from './make-input.js';

const context = {
  phase: 'auth',
  runtime: 'node@20',
  layers: [
    makeLayer('health', 'phases/10-health.yaml', { npm: ['express'] }),
    makeLayer('auth', 'phases/40-auth.yaml', { npm: ['better-sqlite3', 'jose'] }),
  ],
};

function pkg(
  name: string,
  version: string,
  enginesNode: string,
  location = `node_modules/${name}`,
): ResolvedPackage {
  return {
    name,
    version,
    location,
    enginesNode,
    hasInstallScript: false,
    gypfile: false,
    dev: false,
    optional: false,
  };
}

describe('diagnoseEngineMismatch', () => {
  it('names the package, its range and the runtime, and the layer that adds it', () => {
    const mismatches = checkEngines(
      [pkg('express', '5.1.0', '>= 18'), pkg('better-sqlite3', '13.2.0', '>=22')],
      '20.20.2',
    );
    const diagnosis = diagnoseEngineMismatch(mismatches, context);
    expect(diagnosis).toEqual({
      class: 'package-unavailable',
      subject: 'better-sqlite3',
      summary: 'better-sqlite3@13.2.0 requires node >=22, which node@20 (Node 20.20.2) does not satisfy.',
      remedy:
        "Pick a runtime within >=22 (`--runtime`, or the matrix), or pin a release of better-sqlite3 that supports node@20 (in package.json, or under `npm:` in phase 'auth' (phases/40-auth.yaml)).",
      evidence: ['node_modules/better-sqlite3: better-sqlite3@13.2.0 engines.node >=22, runtime 20.20.2'],
    });
  });

  it('names the project itself when its own engines exclude the runtime', () => {
    const mismatches = checkEngines([pkg('node-api', '1.0.0', '>=22', '')], '20.20.2');
    expect(diagnoseEngineMismatch(mismatches, context)?.summary).toBe(
      "The project's own package.json requires node >=22, which node@20 (Node 20.20.2) does not satisfy.",
    );
  });

  it('says nothing when every range admits the runtime', () => {
    expect(
      diagnoseEngineMismatch(checkEngines([pkg('express', '5.1.0', '>= 18')], '20.20.2'), context),
    ).toBeUndefined();
  });
});

describe('diagnoseDependencyFailure', () => {
  it("names the first package of a lockfile out of sync, with npm ci's remedy", () => {
    const failure: DependencyFailure = {
      kind: 'lockfile-out-of-sync',
      lockfile: 'package-lock.json',
      packages: [{ name: 'knex', wanted: '3.1.0', range: '^3.1.0' }],
      message:
        'package-lock.json is out of sync with package.json, so `npm ci` refuses to install: knex: missing from package-lock.json (package.json asks for ^3.1.0).',
      remedy:
        "Run `npm install` in the project and commit the updated package-lock.json; the host's `npm ci` fails the same way until then.",
    };
    expect(diagnoseDependencyFailure(failure)).toMatchObject({
      class: 'package-unavailable',
      subject: 'knex',
      summary: failure.message,
    });
  });
});
