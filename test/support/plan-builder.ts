// Builds Layers, check specs and Plans in code, so engine tests state only what their phases declare.
import { resolvePhases } from '../../src/config/resolve-phases.js';
import type { CheckSpec, Layer, Plan, ServiceSpec } from '../../src/model.js';

const AT = { file: 'phases/test.yaml', line: 1, column: 1 };

type WithoutPhase<T> = T extends CheckSpec ? Omit<T, 'phase'> : never;
export type CheckDraft = WithoutPhase<CheckSpec>;

export const check = {
  log: (expect: string, timeoutMs = 20_000): CheckDraft => ({
    kind: 'log',
    expect,
    timeoutMs,
    label: `log "${expect}"`,
    position: AT,
  }),
  exec: (command: string, timeoutMs = 30_000): CheckDraft => ({
    kind: 'exec',
    command,
    expect: { exit: 0 },
    timeoutMs,
    label: `exec ${command}`,
    position: AT,
  }),
  import: (module: string): CheckDraft => ({
    kind: 'import',
    module,
    timeoutMs: 60_000,
    label: `import ${module}`,
    position: AT,
  }),
  exit: (command: string, code = 0): CheckDraft => ({
    kind: 'exit',
    command,
    code,
    timeoutMs: 60_000,
    label: `exit ${command} (code ${code})`,
    position: AT,
  }),
};

export function postgres(phase: string): ServiceSpec {
  return { name: 'postgres', kind: 'postgres', port: 5432, env: {}, phase, position: AT };
}

export interface LayerDraft extends Partial<Omit<Layer, 'index' | 'name' | 'checks'>> {
  readonly checks?: readonly CheckDraft[];
}

/** A layer named `name` declaring only `draft`; its index is set by planOf. */
export function layer(name: string, draft: LayerDraft = {}): Layer {
  return {
    index: 0,
    name,
    description: '',
    file: `phases/${name}.yaml`,
    apt: [],
    pip: [],
    requirements: [],
    npm: {},
    files: [],
    services: [],
    env: {},
    secrets: [],
    ...draft,
    checks: (draft.checks ?? []).map((c) => ({ ...c, phase: name }) as CheckSpec),
  };
}

/** A python project whose phases are `layers` in order, accumulated as loadPlan would. */
export function planOf(layers: readonly Layer[], overrides: Partial<Omit<Plan, 'phases'>> = {}): Plan {
  const indexed = layers.map((l, i) => ({
    ...l,
    index: i + 1,
    file: `phases/${10 * (i + 1)}-${l.name}.yaml`,
  }));
  return {
    name: 'shop',
    stack: 'python',
    configFile: '/nonexistent/stagebisect.yaml',
    contextDir: '/nonexistent',
    port: 8000,
    defaultRuntime: { language: 'python', version: '3.11' },
    start: 'python3 -m app',
    images: 'local',
    matricesDir: '/nonexistent/matrices',
    contextFiles: 'git',
    ...overrides,
    phases: resolvePhases(indexed, 'python3 -m app'),
  };
}
