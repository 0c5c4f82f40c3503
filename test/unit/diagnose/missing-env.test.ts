// missing-env: captured KeyErrors, settings errors and app messages name the variable and where to set it.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { loadEvidence } from './load-evidence.js';
import { makeEnv, makeInput, makeService } from './make-input.js';

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

  describe('the key of an LLM client', () => {
    const llm = makeService('llm', 8080, ['OPENAI_BASE_URL'], 'http://llm:8080/v1');
    const baseUrl = makeEnv(
      'OPENAI_BASE_URL',
      '${services.llm.url}',
      'http://llm:8080/v1',
      'phases/50-llm.yaml',
    );
    const withMock = (fixture: string, overrides: Partial<DiagnosisInput> = {}) =>
      run(fixture, {
        services: [llm],
        env: [baseUrl],
        envNames: ['PORT', 'OPENAI_BASE_URL'],
        serviceLogs: { llm: loadEvidence(`${fixture}.mock-log`) },
        ...overrides,
      });

    it('names OPENAI_API_KEY when the OpenAI client will not start without it', () => {
      const diagnosis = run('openai-client-no-key', { services: [llm] });
      expect(diagnosis).toMatchObject({ class: 'missing-env', subject: 'OPENAI_API_KEY' });
      expect(diagnosis.evidence).toEqual([
        'openai.OpenAIError: The api_key client option must be set either by passing api_key to the client or by setting the OPENAI_API_KEY environment variable',
      ]);
      expect(diagnosis.remedy).toContain('`OPENAI_API_KEY: sk-test-123`');
      expect(diagnosis.remedy).toContain('the llm mock accepts any non-empty key');
    });

    it('names OPENAI_API_KEY when the mock refused a request without a key, quoting the mock', () => {
      const diagnosis = withMock('openai-401-no-key');
      expect(diagnosis).toMatchObject({ class: 'missing-env', subject: 'OPENAI_API_KEY' });
      expect(diagnosis.summary).toContain(
        'the llm mock refused POST /v1/chat/completions: 401 missing_api_key, "You didn\'t provide an API key.',
      );
      expect(diagnosis.evidence).toEqual([
        `POST /v1/chat/completions 401 refused (missing_api_key): You didn't provide an API key. Send it as "Authorization: Bearer <key>" (OpenAI clients read it from OPENAI_API_KEY); any non-empty key is accepted here.`,
      ]);
    });

    it('reads an empty key the HTTP client would not send as a missing key, not an unreachable service', () => {
      const diagnosis = withMock('openai-empty-key');
      expect(diagnosis).toMatchObject({ class: 'missing-env', subject: 'OPENAI_API_KEY' });
      expect(diagnosis.evidence).toEqual(["httpx.LocalProtocolError: Illegal header value b'Bearer '"]);
    });

    it('names the entry that carries ${services.llm.api_key}, and says it is empty where it is', () => {
      const key = makeEnv('LLM_API_KEY', '', '', 'phases/50-llm.yaml');
      const diagnosis = withMock('openai-401-no-key', {
        env: [baseUrl, key],
        envNames: ['PORT', 'LLM_API_KEY'],
      });
      expect(diagnosis.subject).toBe('LLM_API_KEY');
      expect(diagnosis.summary).toContain('which phases/50-llm.yaml sets to an empty value');
      expect(diagnosis.remedy).toContain('LLM_API_KEY is empty in phases/50-llm.yaml');
    });

    it('says a key that is set but not sent is not passed to the client', () => {
      const key = makeEnv('LLM_API_KEY', '${services.llm.api_key}', undefined, 'phases/50-llm.yaml');
      const diagnosis = withMock('openai-401-no-key', {
        env: [baseUrl, key],
        envNames: ['PORT', 'LLM_API_KEY'],
      });
      expect(diagnosis.subject).toBe('LLM_API_KEY');
      expect(diagnosis.remedy).toContain(
        'pass it to the client (e.g. `OpenAI(api_key=os.environ["LLM_API_KEY"])`)',
      );
    });

    it('asks to export a declared key secret the host does not set', () => {
      const diagnosis = withMock('openai-401-no-key', { missingSecrets: ['OPENAI_API_KEY'] });
      expect(diagnosis.subject).toBe('OPENAI_API_KEY');
      expect(diagnosis.remedy).toContain('declared under `secrets:` but not set on this host');
    });
  });
});
