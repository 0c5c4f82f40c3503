// missing-env: the app needs an environment variable that the phase (or the host, for a secret) does not set.
import type { Diagnosis } from '../../model.js';
import type { DiagnosisInput, DiagnosisRule, EnvEntry } from '../diagnosis-input.js';
import { evidenceLines } from '../evidence-lines.js';
import { missingFromValidator } from '../env-validator-report.js';
import { findLastLine } from '../find-last-line.js';
import { llmKeyVariable, llmRefusals } from '../llm-refusal.js';
import { describeLayer, layerUnderTest } from '../phase-layers.js';
import { appFrameAbove, frameLocation } from '../python-traceback.js';

const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const KEY_ERROR = /^KeyError: '([^']+)'$/;
const SETTINGS_ERROR = /ValidationError: \d+ validation errors? for (\w+)/;
const SETTINGS_FIELD = /^([A-Za-z_]\w*)$/;
const FIELD_REQUIRED = /^\s+Field required \[type=missing/;
// An error caused by a None/undefined value, raised on a line that reads the environment.
const EMPTY_VALUE_ERROR = /^(?:TypeError|AttributeError|ValueError)\b.*(?:NoneType|\bNone\b|undefined)/;
const ENV_ACCESS =
  /os\.environ\[["']([A-Z0-9_]+)["']\]|os\.environ\.get\(["']([A-Z0-9_]+)["']\)|os\.getenv\(["']([A-Z0-9_]+)["']\)|process\.env\.([A-Z0-9_]+)|process\.env\[["']([A-Z0-9_]+)["']\]/;
// What apps (and their client libraries) say when they check for themselves.
const MESSAGES = [
  // openai-python: "The api_key client option must be set ... by setting the OPENAI_API_KEY environment variable".
  /\bsetting the ([A-Z][A-Z0-9_]+) environment variable\b/,
  // openai-node: "The OPENAI_API_KEY environment variable is missing or empty; either provide it, ...".
  /\bThe ([A-Z][A-Z0-9_]+) environment variable is missing or empty\b/,
  /\b(?:missing|required)(?: required)? (?:environment|env) var(?:iable)?s?:? \$?([A-Z][A-Z0-9_]+)/i,
  /\b(?:environment|env) var(?:iable)? \$?([A-Z][A-Z0-9_]+) (?:is )?(?:required|missing|not set|must be set|is undefined)/i,
  /(?:^|[\s:'"`(])\$?([A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z]{3,}) (?:is not set|must be set|is not defined|is undefined|is missing|not set)\b/,
];
// Credentials belong under secrets:, read from the host, never written into a phase file.
const CREDENTIAL = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE/;
// Variables that usually carry a service's address, by service kind.
const SERVICE_HINTS: readonly (readonly [RegExp, string])[] = [
  [/DATABASE|POSTGRES|^PG/, 'postgres'],
  [/REDIS|CACHE/, 'redis'],
  [/OPENAI_BASE|LLM/, 'llm'],
];

// httpx refuses to send the header an empty key makes, so the OpenAI client never reaches the service.
const EMPTY_BEARER = /Illegal header value b'Bearer\s*'/;

interface Found {
  readonly name: string;
  readonly how: string;
  readonly evidence: readonly string[];
  /** The key of an LLM client: a made-up value proves what can be proven against the mock. */
  readonly llmKey?: boolean;
}

function emptyEntry(input: DiagnosisInput, name: string): EnvEntry | undefined {
  return input.env.find((entry) => entry.name === name && entry.empty);
}

function unset(input: DiagnosisInput, name: string): boolean {
  return (
    ENV_NAME.test(name) &&
    (!input.envNames.includes(name) ||
      input.missingSecrets.includes(name) ||
      emptyEntry(input, name) !== undefined)
  );
}

/** The app sent its LLM service no key: the mock refused it (401), or the client refused an empty one. */
function noLlmKey(input: DiagnosisInput, lines: readonly string[]): Found | undefined {
  const refusal = llmRefusals(input).find((r) => r.code === 'missing_api_key');
  const empty = findLastLine(lines, EMPTY_BEARER);
  if (!refusal && !empty) return undefined;
  const { name } = llmKeyVariable(input);
  const how = refusal
    ? `the llm mock refused ${refusal.method} ${refusal.path}: ${refusal.status} ${refusal.code}, "${refusal.message}"`
    : 'the HTTP client refused to send an empty key: "Authorization: Bearer " is not a valid header';
  const evidence = [empty?.line, refusal?.line].filter((line): line is string => line !== undefined);
  return { name, how, evidence, llmKey: true };
}

function keyError(input: DiagnosisInput, lines: readonly string[]): Found | undefined {
  const error = findLastLine(lines, KEY_ERROR);
  const name = error?.match[1];
  if (!error || name === undefined || !unset(input, name)) return undefined;
  const frame = appFrameAbove(lines, error.index);
  const evidence = frame
    ? [...lines.slice(frame.index, frame.source ? frame.index + 2 : frame.index + 1), error.line]
    : [error.line];
  return { name, how: frame ? `KeyError at ${frameLocation(frame)}` : 'KeyError', evidence };
}

function settingsError(input: DiagnosisInput, lines: readonly string[]): Found | undefined {
  const error = findLastLine(lines, SETTINGS_ERROR);
  if (!error) return undefined;
  // pydantic prints each failing field on its own line, its error indented on the next.
  const fields: string[] = [];
  const evidence = [error.line];
  for (let i = error.index + 1; i + 1 < lines.length; i++) {
    const field = SETTINGS_FIELD.exec(lines[i] ?? '')?.[1];
    const next = lines[i + 1] ?? '';
    if (field === undefined || !FIELD_REQUIRED.test(next) || !unset(input, field.toUpperCase())) continue;
    fields.push(field);
    evidence.push(lines[i] ?? '', next);
  }
  const [field] = fields;
  if (field === undefined) return undefined;
  const others =
    fields.length > 1
      ? `; also ${fields
          .slice(1)
          .map((f) => f.toUpperCase())
          .join(', ')}`
      : '';
  return {
    name: field.toUpperCase(),
    how: `field ${field} of ${error.match[1]} is required${others}`,
    evidence,
  };
}

function accessError(input: DiagnosisInput, lines: readonly string[]): Found | undefined {
  const error = findLastLine(lines, EMPTY_VALUE_ERROR);
  if (!error) return undefined;
  // The line that read the variable is printed just above the error, under its frame.
  const window = lines.slice(Math.max(0, error.index - 6), error.index);
  const access = findLastLine(window, ENV_ACCESS);
  const name = access?.match.slice(1).find((group) => group !== undefined);
  if (!access || name === undefined || !unset(input, name)) return undefined;
  return { name, how: `read as empty at "${access.line.trim()}"`, evidence: [access.line, error.line] };
}

// An env validator (envalid) lists every missing variable at once; the first unset one is the subject.
function validatorReport(input: DiagnosisInput, lines: readonly string[]): Found | undefined {
  const report = missingFromValidator(lines);
  const unsetNames = report?.names.filter((name) => unset(input, name)) ?? [];
  const [name, ...others] = unsetNames;
  if (!report || name === undefined) return undefined;
  const also = others.length > 0 ? `; also ${others.join(', ')}` : '';
  return { name, how: `the env validator reports it missing${also}`, evidence: report.evidence };
}

function message(input: DiagnosisInput, lines: readonly string[]): Found | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    for (const pattern of MESSAGES) {
      const name = pattern.exec(line)?.[1];
      if (name === undefined || !unset(input, name)) continue;
      const how = /openai/i.test(line) ? 'the OpenAI client will not start without it' : 'the app says so';
      return { name, how, evidence: [line] };
    }
  }
  return undefined;
}

/** The LLM key: against the mock any made-up value proves the app sends one; production sets a real one. */
function llmKeyRemedy(input: DiagnosisInput, name: string): string {
  const where = describeLayer(input, layerUnderTest(input));
  const entry = input.env.find((e) => e.name === name);
  const made = 'the llm mock accepts any non-empty key, so a made-up one proves the app sends it';
  if (input.missingSecrets.includes(name)) {
    return `${name} is declared under \`secrets:\` but not set on this host: export it in the shell that runs stagebisect; ${made} (e.g. \`sk-test-123\`).`;
  }
  if (entry?.empty) {
    return `${name} is empty in ${entry.file}: give it a value there, e.g. \`sk-test-123\` (${made}), or \`"\${services.llm.api_key}"\`.`;
  }
  if (entry) {
    return `${name} is set in ${entry.file}, yet the request carried no key: pass it to the client (e.g. \`OpenAI(api_key=os.environ["${name}"])\`), or name it OPENAI_API_KEY, which OpenAI clients read.`;
  }
  return `Add \`${name}: sk-test-123\` under \`env:\` in ${where}: ${made}. Or wire the run's own key, \`${name}: "\${services.llm.api_key}"\`; in production the key comes from the host's secrets.`;
}

function remedy(input: DiagnosisInput, found: Found): string {
  return found.llmKey ? llmKeyRemedy(input, found.name) : missingEnvRemedy(input, found.name);
}

/** What to do about a missing variable: a secret to export, a credential to declare, or an env entry. */
export function missingEnvRemedy(input: DiagnosisInput, name: string): string {
  const hasLlm = input.services.some((s) => s.kind === 'llm');
  if (hasLlm && name === llmKeyVariable(input).name) return llmKeyRemedy(input, name);
  if (input.missingSecrets.includes(name)) {
    return `${name} is declared under \`secrets:\` but not set on this host: export ${name} in the shell that runs stagebisect (secrets are read from the host and masked in every report).`;
  }
  const empty = emptyEntry(input, name);
  if (empty) return `${name} is empty in ${empty.file}: give it the value the app needs there.`;
  const where = describeLayer(input, layerUnderTest(input));
  if (CREDENTIAL.test(name)) {
    return `Add ${name} under \`secrets:\` in ${where} and export it on the host; a credential does not belong in a phase file.`;
  }
  const kind = SERVICE_HINTS.find(([hint]) => hint.test(name))?.[1];
  const service = input.services.find((s) => s.name === kind);
  if (service) return `Add \`${name}: "\${services.${service.name}.url}"\` under \`env:\` in ${where}.`;
  const declare = kind
    ? ` If it is the address of a ${kind} service, declare \`services: { ${kind}: {} }\` there and set \`${name}: "\${services.${kind}.url}"\`.`
    : '';
  return `Add ${name} under \`env:\` in ${where}, e.g. \`env: { ${name}: "<value>" }\`.${declare}`;
}

function why(input: DiagnosisInput, name: string): string {
  if (input.missingSecrets.includes(name)) return 'a secret the phases declare but this host does not set';
  const entry = input.env.find((e) => e.name === name);
  if (entry?.empty) return `which ${entry.file} sets to an empty value`;
  if (entry) return `which ${entry.file} sets, yet the app did not pass it on`;
  return `which phase '${input.phase}' does not set`;
}

export const missingEnvRule: DiagnosisRule = (input): Diagnosis | undefined => {
  const lines = evidenceLines(input);
  const found =
    keyError(input, lines) ??
    settingsError(input, lines) ??
    accessError(input, lines) ??
    validatorReport(input, lines) ??
    message(input, lines) ??
    noLlmKey(input, lines);
  if (!found) return undefined;
  return {
    class: 'missing-env',
    subject: found.name,
    summary: `The app needs the environment variable ${found.name}, ${why(input, found.name)} (${found.how}).`,
    remedy: remedy(input, found),
    evidence: found.evidence,
  };
};
