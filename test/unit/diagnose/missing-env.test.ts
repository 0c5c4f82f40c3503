// missing-env: captured KeyErrors, settings errors and app messages name the variable and where to set it.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { loadEvidence } from './load-evidence.js';
import { makeInput, makeService } from './make-input.js';

const exit = { code: 1, oomKilled: false };

function run(fixture: string, overrides: Partial<DiagnosisInput> = {}) {
  return diagnose(makeInput({ appLog: loadEvidence(fixture), exit, ...overrides }));
}

describe('missing-env', () => {
  it('names the variable of a KeyError from os.environ and the phase that should set it', () => {
    const diagnosis = run('python-environ-keyerror');
    expect(diagnosis.class).toBe('missing-env');
    expect(diagnosis.subject).toBe('DATABASE_URL');
    expect(diagnosis.summary).toContain('KeyError at app/main.py:5');
    expect(diagnosis.remedy).toContain("under `env:` in phase 'auth' (phases/40-auth.yaml)");
    expect(diagnosis.evidence).toContain('    DATABASE_URL = os.environ["DATABASE_URL"]');
  });

  it("suggests the service's URL when the phase declares a matching service", () => {
    const postgres = makeService('postgres', 5432, [], 'postgresql://app:***@postgres:5432/app');
    const diagnosis = run('python-environ-keyerror', { services: [postgres] });
    expect(diagnosis.remedy).toContain('`DATABASE_URL: "${services.postgres.url}"`');
  });

  it('says a declared secret is not set on this host, instead of asking to declare it', () => {
    const diagnosis = run('python-env-not-set', { missingSecrets: ['OPENAI_API_KEY'] });
    expect(diagnosis).toMatchObject({ class: 'missing-env', subject: 'OPENAI_API_KEY' });
    expect(diagnosis.summary).toContain('a secret the phases declare but this host does not set');
    expect(diagnosis.remedy).toContain('export OPENAI_API_KEY');
    expect(diagnosis.remedy).not.toContain('Add OPENAI_API_KEY');
  });

  it('puts an undeclared credential under secrets:, not env:', () => {
    const diagnosis = run('python-env-not-set');
    expect(diagnosis.remedy).toContain('Add OPENAI_API_KEY under `secrets:`');
  });

  it('upper-cases a required pydantic-settings field into the variable name', () => {
    const diagnosis = run('python-settings-field-required');
    expect(diagnosis).toMatchObject({ class: 'missing-env', subject: 'DATABASE_URL' });
    expect(diagnosis.summary).toContain('field database_url of Settings is required');
  });

  it("reads a Node app's own 'must be set' message", () => {
    const diagnosis = run('node-env-must-be-set', { stack: 'node', runtime: 'node@22' });
    expect(diagnosis).toMatchObject({ class: 'missing-env', subject: 'DATABASE_URL' });
    expect(diagnosis.evidence).toEqual(['Error: DATABASE_URL must be set']);
  });

  it('says nothing about a variable the phase does set', () => {
    const diagnosis = run('python-environ-keyerror', { envNames: ['PORT', 'DATABASE_URL'] });
    expect(diagnosis.class).toBe('unclassified');
  });
});
