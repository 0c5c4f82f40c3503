// Builds a DiagnosisInput for a failing python@3.13 phase 'auth', so each test states only the evidence it is about.
import type {
  DiagnosisInput,
  EnvEntry,
  LayerSummary,
  ServiceEndpoint,
} from '../../../src/diagnose/diagnosis-input.js';
import type { CheckResult } from '../../../src/model.js';

export function makeLayer(name: string, file: string, lists: Partial<LayerSummary> = {}): LayerSummary {
  return { name, file, apt: [], pip: [], requirements: [], npm: [], files: 'context', ...lists };
}

export const HEALTH = makeLayer('health', 'phases/10-health.yaml', {
  apt: ['python3-fastapi', 'python3-uvicorn'],
});
export const AUTH = makeLayer('auth', 'phases/40-auth.yaml', { apt: ['python3-passlib', 'python3-bcrypt'] });

export function makeInput(overrides: Partial<DiagnosisInput> = {}): DiagnosisInput {
  return {
    stage: 'start',
    stack: 'python',
    runtime: 'python@3.13',
    imageMode: 'local',
    phase: 'auth',
    layers: [HEALTH, AUTH],
    port: 8000,
    buildOutput: '',
    appLog: '',
    checkOutput: '',
    listening: [],
    envNames: ['PORT'],
    missingSecrets: [],
    services: [],
    localModules: ['app'],
    start: 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT',
    env: [],
    serviceLogs: {},
    ...overrides,
  };
}

/** An http check on GET /health that failed, with the evidence keys the http check attaches. */
export function failedHttpCheck(
  message: string,
  evidence: CheckResult['evidence'],
  phase = 'health',
): CheckResult {
  return {
    label: 'http GET /health',
    kind: 'http',
    phase,
    status: 'fail',
    durationMs: 30_000,
    message,
    evidence,
  };
}

export function makeService(
  name: string,
  port: number,
  envVars: readonly string[],
  url: string,
): ServiceEndpoint {
  const kind = name === 'postgres' || name === 'redis' || name === 'llm' ? name : 'custom';
  return { name, kind, host: name, port, envVars, url };
}

/** An env entry as a phase file wrote it; `value` is what the app got (omit it for a secret). */
export function makeEnv(
  name: string,
  declared: string,
  value: string | undefined,
  file = 'phases/40-auth.yaml',
): EnvEntry {
  return {
    name,
    declared,
    ...(value !== undefined ? { value } : {}),
    empty: value === '',
    file,
    phase: /\d+-(\w+)\.yaml$/.exec(file)?.[1] ?? 'auth',
  };
}
