// service-refused: the app reached the llm mock, which refused its request (a wrong key, a wrong URL, an
// unknown model, a malformed body); the mock's own log says which and why.
import type { Diagnosis } from '../../model.js';
import type { DiagnosisInput, DiagnosisRule } from '../diagnosis-input.js';
import { appLogLines } from '../evidence-lines.js';
import { findLastLine } from '../find-last-line.js';
import { llmKeyVariable, llmRefusals, llmUrlVariable, type LlmRefusal } from '../llm-refusal.js';
import { describeLayer, layerUnderTest } from '../phase-layers.js';

const MODEL_NAME = /MODEL/;

/** Where an env entry should be set: the file that set it, else the phase under test. */
function whereToSet(input: DiagnosisInput, name: string): string {
  return input.env.find((e) => e.name === name)?.file ?? describeLayer(input, layerUnderTest(input));
}

function remedyFor(input: DiagnosisInput, refusal: LlmRefusal): string {
  const service = refusal.service.name;
  if (refusal.code === 'invalid_api_key') {
    const key = llmKeyVariable(input).name;
    return `This phase runs the llm mock with \`strict_key: true\`, which accepts only the run's own key: set \`${key}: "\${services.${service}.api_key}"\` under \`env:\` in ${whereToSet(input, key)}, or drop strict_key to accept any non-empty key.`;
  }
  if (refusal.status === 404 && !refusal.path.startsWith('/v1/')) {
    const url = llmUrlVariable(input, refusal.service).name;
    return `The mock serves the OpenAI API under /v1, and the app called ${refusal.path}: set \`${url}: "\${services.${service}.url}"\` (it ends in /v1) in ${whereToSet(input, url)}.`;
  }
  if (refusal.code === 'model_not_found') {
    // The mock serves a few usual models; the real provider may serve this one, the mock cannot know.
    const model = /The model '([^']+)' does not exist/.exec(refusal.message)?.[1];
    const entry = model === undefined ? undefined : input.env.find((e) => e.value === model);
    const lead = entry
      ? `${entry.name} (${entry.file}) asks for ${model}, which the mock does not serve: set it to one it lists in this phase (\`GET /v1/models\` names them; gpt-4o-mini is one)`
      : `Ask for a model the mock lists (\`GET /v1/models\` names them; gpt-4o-mini is one)`;
    return `${lead}, and keep the real model for production; or read the model from an env entry the phase sets.`;
  }
  if (refusal.status === 404) {
    return `The mock does not serve ${refusal.method} ${refusal.path}: it serves chat completions, completions, embeddings, responses and models under /v1. Check the client's API version and the path the app calls.`;
  }
  const model = refusal.message.includes("'model'")
    ? input.env.find((e) => MODEL_NAME.test(e.name) && e.empty)
    : undefined;
  if (model) return `${model.name} is empty in ${model.file}: set it to a model name, e.g. gpt-4o-mini.`;
  return `Fix the request the app sends to ${refusal.method} ${refusal.path}: the mock answers as the OpenAI API would, and this request would be refused there too.`;
}

/** A refusal the failure follows from: the app logged its status, or a check failed with an error status. */
function relevant(input: DiagnosisInput, refusal: LlmRefusal, lines: readonly string[]): string | undefined {
  const status = new RegExp(`\\b${refusal.status}\\b`);
  const said = findLastLine(
    lines,
    new RegExp(`(?:Error|error|ERROR).*${status.source}|${status.source}.*(?:Error|error)`),
  );
  if (said) return said.line;
  const checkStatus = input.failedCheck?.evidence['status'];
  if (typeof checkStatus === 'number' && checkStatus >= 500) return input.failedCheck?.message;
  return input.exit ? '' : undefined;
}

export const serviceRefusedRule: DiagnosisRule = (input): Diagnosis | undefined => {
  // A missing key is missing-env (checked before this rule); every other refusal is this class.
  const refusals = llmRefusals(input).filter((r) => r.code !== 'missing_api_key');
  const lines = appLogLines(input);
  for (const refusal of [...refusals].reverse()) {
    const said = relevant(input, refusal, lines);
    if (said === undefined) continue;
    return {
      class: 'service-refused',
      subject: `${refusal.service.name} ${refusal.status} ${refusal.code}`,
      summary: `The llm mock '${refusal.service.name}' refused the app's ${refusal.method} ${refusal.path} with ${refusal.status} ${refusal.code}: "${refusal.message}".`,
      remedy: remedyFor(input, refusal),
      evidence: [refusal.line, ...(said ? [said] : [])],
    };
  }
  return undefined;
};
