// package-unavailable: captured apt, pip and npm build failures name the package, the runtime and the layer.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { loadEvidence } from './load-evidence.js';
import { AUTH, HEALTH, makeInput, makeLayer } from './make-input.js';

const LLM = makeLayer('llm', 'phases/50-llm.yaml', { apt: ['python3-langchain'] });
const LAST = makeLayer('admin', 'phases/60-admin.yaml');

function build(fixture: string, overrides: Partial<DiagnosisInput> = {}) {
  return diagnose(makeInput({ stage: 'build', buildOutput: loadEvidence(fixture), ...overrides }));
}

function npmBuild(fixture: string) {
  const layers = [makeLayer('api', 'phases/10-api.yaml', { npm: ['fastlib'] })];
  return build(fixture, { stack: 'node', runtime: 'node@22', phase: 'api', layers });
}

describe('package-unavailable', () => {
  it('names the apt package, the runtime and the layer whose apt: list has it', () => {
    const diagnosis = build('apt-unable-to-locate', { phase: 'admin', layers: [HEALTH, AUTH, LLM, LAST] });
    expect(diagnosis.class).toBe('package-unavailable');
    expect(diagnosis.subject).toBe('python3-langchain');
    expect(diagnosis.summary).toContain('python3-langchain is not available for python@3.13');
    expect(diagnosis.remedy).toContain("phase 'llm' (phases/50-llm.yaml)");
    expect(diagnosis.remedy).toContain('`pip: [langchain]`');
  });

  it("quotes apt's line without the classic builder's colour codes", () => {
    expect(build('apt-unable-to-locate').evidence).toEqual(['E: Unable to locate package python3-langchain']);
  });

  it('offers the package Debian says replaces one with no installation candidate', () => {
    const diagnosis = build('apt-no-installation-candidate');
    expect(diagnosis.subject).toBe('libmysqlclient-dev');
    expect(diagnosis.remedy).toContain('libmariadb-dev-compat or libmariadb-dev');
  });

  it('names the version apt could not find and the layer that pins it', () => {
    const diagnosis = build('apt-version-not-found');
    expect(diagnosis.subject).toBe('python3-fastapi');
    expect(diagnosis.summary).toContain('python3-fastapi=0.110.0-1 is not available for python@3.13');
    expect(diagnosis.remedy).toContain('phases/10-health.yaml');
  });

  it("says an unreachable index is a network failure, though pip says 'No matching distribution'", () => {
    const diagnosis = build('pip-offline');
    expect(diagnosis.subject).toBe('PyJWT');
    expect(diagnosis.summary).toContain(
      'could not reach its package index (Temporary failure in name resolution)',
    );
    expect(diagnosis.remedy).toContain('network failure');
    expect(diagnosis.remedy).toContain('`apt: [python3-jwt]`');
    expect(diagnosis.evidence).toContain('ERROR: No matching distribution found for PyJWT==2.10.1');
  });

  it('names the Python a package requires and the runtime it got', () => {
    for (const fixture of ['pip-requires-python', 'pip-requires-python-index']) {
      const diagnosis = build(fixture);
      expect(diagnosis.subject).toBe('fastlib');
      expect(diagnosis.summary).toBe(
        'fastlib is not available for python@3.13: it requires Python >=3.14, and the runtime has 3.13.5.',
      );
    }
  });

  it('names the npm package and the node version its engines want', () => {
    const diagnosis = npmBuild('npm-ebadengine-build');
    expect(diagnosis.subject).toBe('fastlib');
    expect(diagnosis.summary).toBe('fastlib@1.0.0 is not available for node@22: it requires node >=24.');
    expect(diagnosis.remedy).toContain('phases/10-api.yaml');
  });

  it('names an npm package the registry does not have', () => {
    const diagnosis = npmBuild('npm-e404-build');
    expect(diagnosis.subject).toBe('left-pad-nope');
    expect(diagnosis.summary).toContain('no package by that name (404)');
  });

  it('names an npm version range that matches nothing', () => {
    const diagnosis = npmBuild('npm-etarget-build');
    expect(diagnosis.subject).toBe('fastlib');
    expect(diagnosis.summary).toContain('matching ^2.0.0');
  });

  it('reads only a failed build: the same words in an app log are not a build failure', () => {
    const input = makeInput({ stage: 'start', appLog: loadEvidence('apt-unable-to-locate') });
    expect(diagnose(input).class).not.toBe('package-unavailable');
  });
});
