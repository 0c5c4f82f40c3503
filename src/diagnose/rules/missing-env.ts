// missing-env: the app needs an environment variable that the phase (or the host, for a secret) does not set.
import type { Diagnosis } from '../../model.js';
import type { DiagnosisInput, DiagnosisRule } from '../diagnosis-input.js';
import { evidenceLines } from '../evidence-lines.js';
import { missingFromValidator } from '../env-validator-report.js';
import { findLastLine } from '../find-last-line.js';
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
// What apps say when they check for themselves.
const MESSAGES = [
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

interface Found {
  readonly name: string;
  readonly how: string;
  readonly evidence: readonly string[];
}

function unset(input: DiagnosisInput, name: string): boolean {
  return ENV_NAME.test(name) && (!input.envNames.includes(name) || input.missingSecrets.includes(name));
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
      if (name !== undefined && unset(input, name)) return { name, how: 'the app says so', evidence: [line] };
    }
  }
  return undefined;
}

/** What to do about a missing variable: a secret to export, a credential to declare, or an env entry. */
export function missingEnvRemedy(input: DiagnosisInput, name: string): string {
  if (input.missingSecrets.includes(name)) {
    return `${name} is declared under \`secrets:\` but not set on this host: export ${name} in the shell that runs stagebisect (secrets are read from the host and masked in every report).`;
  }
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

export const missingEnvRule: DiagnosisRule = (input): Diagnosis | undefined => {
  const lines = evidenceLines(input);
  const found =
    keyError(input, lines) ??
    settingsError(input, lines) ??
    accessError(input, lines) ??
    validatorReport(input, lines) ??
    message(input, lines);
  if (!found) return undefined;
  const why = input.missingSecrets.includes(found.name)
    ? 'a secret the phases declare but this host does not set'
    : `which phase '${input.phase}' does not set`;
  return {
    class: 'missing-env',
    subject: found.name,
    summary: `The app needs the environment variable ${found.name}, ${why} (${found.how}).`,
    remedy: missingEnvRemedy(input, found.name),
    evidence: found.evidence,
  };
};
