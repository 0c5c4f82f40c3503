// service-refused: the llm mock's own log says why it refused the app's request, and the remedy names the
// env entry to change.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { loadEvidence } from './load-evidence.js';
import { makeEnv, makeInput, makeService } from './make-input.js';

const llm = makeService('llm', 8080, ['OPENAI_BASE_URL', 'OPENAI_API_KEY'], 'http://llm:8080/v1');
const failedAsk = {
  label: 'http GET /ask',
  kind: 'http',
  phase: 'llm',
  status: 'fail',
  durationMs: 40,
  message: 'answered 500, expected 200',
  evidence: { status: 500, latencyMs: 40 },
} as const;

function run(fixture: string, overrides: Partial<DiagnosisInput> = {}) {
  return diagnose(
    makeInput({
      stage: 'check',
      phase: 'llm',
      failedCheck: failedAsk,
      appLog: loadEvidence(fixture),
      services: [llm],
      serviceLogs: { llm: loadEvidence(`${fixture}.mock-log`) },
      env: [
        makeEnv('OPENAI_BASE_URL', '${services.llm.url}', 'http://llm:8080/v1', 'phases/50-llm.yaml'),
        makeEnv('OPENAI_API_KEY', 'sk-test-123', undefined, 'phases/50-llm.yaml'),
      ],
      envNames: ['PORT', 'OPENAI_BASE_URL', 'OPENAI_API_KEY'],
      ...overrides,
    }),
  );
}

describe('service-refused', () => {
  it('names a key the strict mock refused, and how to wire the run key', () => {
    const diagnosis = run('openai-401-strict-key');
    expect(diagnosis).toMatchObject({ class: 'service-refused', subject: 'llm 401 invalid_api_key' });
    expect(diagnosis.summary).toBe(
      "The llm mock 'llm' refused the app's POST /v1/chat/completions with 401 invalid_api_key: \"Incorrect API key provided. This mock runs with strict_key: send the key the run made up, ${services.llm.api_key}.\".",
    );
    expect(diagnosis.remedy).toBe(
      'This phase runs the llm mock with `strict_key: true`, which accepts only the run\'s own key: set `OPENAI_API_KEY: "${services.llm.api_key}"` under `env:` in phases/50-llm.yaml, or drop strict_key to accept any non-empty key.',
    );
    expect(diagnosis.evidence[0]).toMatch(/^POST \/v1\/chat\/completions 401 refused \(invalid_api_key\)/);
    expect(diagnosis.evidence[1]).toMatch(/^openai\.AuthenticationError: Error code: 401/);
  });

  it('names the base URL entry when the app called a path outside /v1', () => {
    const diagnosis = run('openai-404-base-url', {
      env: [makeEnv('OPENAI_BASE_URL', 'http://llm:8080', 'http://llm:8080', 'phases/50-llm.yaml')],
    });
    expect(diagnosis).toMatchObject({ class: 'service-refused', subject: 'llm 404 unknown_url' });
    expect(diagnosis.summary).toContain('"Invalid URL (POST /chat/completions)"');
    expect(diagnosis.remedy).toBe(
      'The mock serves the OpenAI API under /v1, and the app called /chat/completions: set `OPENAI_BASE_URL: "${services.llm.url}"` (it ends in /v1) in phases/50-llm.yaml.',
    );
  });

  it('names an empty model entry behind a 400', () => {
    const diagnosis = run('openai-400-empty-model', {
      env: [makeEnv('LLM_MODEL', '', '', 'phases/50-llm.yaml')],
    });
    expect(diagnosis).toMatchObject({ class: 'service-refused', subject: 'llm 400 invalid_type' });
    expect(diagnosis.summary).toContain(`"Invalid 'model': expected a non-empty string."`);
    expect(diagnosis.remedy).toBe(
      'LLM_MODEL is empty in phases/50-llm.yaml: set it to a model name, e.g. gpt-4o-mini.',
    );
  });

  it('names the model entry behind a 404 for a model the mock does not serve', () => {
    const diagnosis = run('openai-404-unknown-model', {
      stage: 'check',
      exit: { code: 1, oomKilled: false },
      env: [makeEnv('LLM_MODEL', 'gpt-5-turbo', 'gpt-5-turbo', 'phases/50-llm.yaml')],
    });
    expect(diagnosis).toMatchObject({ class: 'service-refused', subject: 'llm 404 model_not_found' });
    expect(diagnosis.summary).toContain(
      `GET /v1/models/gpt-5-turbo with 404 model_not_found: "The model 'gpt-5-turbo' does not exist"`,
    );
    expect(diagnosis.remedy).toMatch(
      /^LLM_MODEL \(phases\/50-llm\.yaml\) asks for gpt-5-turbo, which the mock does not serve/,
    );
    expect(diagnosis.evidence[1]).toMatch(/^openai\.NotFoundError: Error code: 404/);
  });

  it('stays silent about a refusal the failure does not follow from', () => {
    const diagnosis = run('openai-401-strict-key', {
      appLog: 'INFO:     Application startup complete.',
      failedCheck: { ...failedAsk, message: 'no answer within 5 s', evidence: { timedOut: true } },
    });
    expect(diagnosis.class).not.toBe('service-refused');
  });
});
