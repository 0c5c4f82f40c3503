// What the llm mock refused, read back from its own log, and which env entries carry its key and URL.
import type { DiagnosisInput, EnvEntry, ServiceEndpoint } from './diagnosis-input.js';
import { splitLines } from './evidence-lines.js';

/** One request the mock refused, as it logged it. */
export interface LlmRefusal {
  readonly service: ServiceEndpoint;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** The API's error code, e.g. `missing_api_key`, `invalid_api_key`, `unknown_url`, `invalid_type`. */
  readonly code: string;
  readonly message: string;
  readonly line: string;
}

// The mock's format (`refusalLine` in src/services/llm-mock/server.ts): METHOD /path STATUS refused (CODE): MESSAGE.
const REFUSED = /^([A-Z]+) (\S+) (\d{3}) refused \(([^)]*)\): (.*)$/;

/** Every request an llm service of the phase refused, oldest first. */
export function llmRefusals(input: DiagnosisInput): LlmRefusal[] {
  return input.services
    .filter((service) => service.kind === 'llm')
    .flatMap((service) =>
      splitLines(input.serviceLogs[service.name] ?? '').flatMap((line) => {
        const match = REFUSED.exec(line.trim());
        if (!match) return [];
        const [, method = '', path = '', status = '', code = '', message = ''] = match;
        return [{ service, method, path, status: Number(status), code, message, line: line.trim() }];
      }),
    );
}

const KEY_NAME = /(?:^|_)API_?KEY$|^(?:OPENAI|LLM|AI)\w*_KEY$/;
const URL_NAME = /BASE_URL$|^(?:OPENAI|LLM)\w*_URL$/;

function referencing(input: DiagnosisInput, attribute: string): EnvEntry | undefined {
  const llm = input.services.filter((s) => s.kind === 'llm').map((s) => s.name);
  return input.env.find((entry) =>
    llm.some((name) => entry.declared.includes(`\${services.${name}.${attribute}}`)),
  );
}

/**
 * The variable the app reads its LLM key from: the entry that carries `${services.llm.api_key}`, else one
 * named like an API key, else a declared secret named so, else OPENAI_API_KEY (what OpenAI clients read).
 */
export function llmKeyVariable(input: DiagnosisInput): { name: string; entry?: EnvEntry } {
  const entry = referencing(input, 'api_key') ?? input.env.find((e) => KEY_NAME.test(e.name));
  if (entry) return { name: entry.name, entry };
  const secret = input.missingSecrets.find((name) => KEY_NAME.test(name));
  return { name: secret ?? 'OPENAI_API_KEY' };
}

/** The variable that carries the llm's base URL, by reference, by value or by name; else OPENAI_BASE_URL. */
export function llmUrlVariable(
  input: DiagnosisInput,
  service: ServiceEndpoint,
): { name: string; entry?: EnvEntry } {
  const entry =
    referencing(input, 'url') ??
    input.env.find((e) => e.value?.includes(`${service.host}:${service.port}`)) ??
    input.env.find((e) => URL_NAME.test(e.name));
  return entry ? { name: entry.name, entry } : { name: 'OPENAI_BASE_URL' };
}
