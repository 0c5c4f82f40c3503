// Gathers a failing cell's evidence into a DiagnosisInput and asks the rules for a diagnosis.
import { diagnose } from '../diagnose/diagnose.js';
import type { DiagnosisInput, EnvEntry, ServiceEndpoint } from '../diagnose/diagnosis-input.js';
import { summarizeLayers } from '../diagnose/phase-layers.js';
import { formatRuntime, type Cell, type Diagnosis, type Verdict } from '../model.js';
import { isSecretName } from '../secrets/secret-names.js';
import type { CellState } from './cell-state.js';

const RANDOM = '${random.secret}';

/** The phase's env entries with the file that set each and the value the app got (never a secret's). */
function envEntries(cell: Cell, state: CellState): EnvEntry[] {
  const written = new Map<string, { declared: string; file: string; phase: string }>();
  for (const layer of cell.phase.layers) {
    for (const [name, declared] of Object.entries(layer.env)) {
      written.set(name, { declared, file: layer.file, phase: layer.name });
    }
  }
  return [...written].map(([name, at]) => {
    const value = state.env?.declared[name] ?? '';
    const hidden = isSecretName(name) || at.declared.includes(RANDOM);
    return { name, ...at, ...(hidden ? {} : { value }), empty: value === '' };
  });
}

export function diagnoseCell(cell: Cell, verdict: Verdict, state: CellState): Diagnosis {
  const services: ServiceEndpoint[] = cell.phase.services.map((spec) => ({
    name: spec.name,
    kind: spec.kind,
    host: spec.name,
    port: spec.port,
    envVars: state.env?.serviceVars[spec.name] ?? [],
    url: state.services?.attributes[spec.name]?.url ?? '',
  }));
  const serviceLogs = Object.fromEntries(
    Object.entries(state.services?.handles ?? {}).map(([name, handle]) => [name, handle.logs.text()]),
  );
  // The phase before this one started the app as its layers said, or as stagebisect.yaml does.
  const earlier = cell.phase.layers.slice(0, -1);
  const previous =
    earlier.length > 0
      ? { start: [...earlier].reverse().find((l) => l.start !== undefined)?.start ?? cell.project.start }
      : undefined;
  const input: DiagnosisInput = {
    stage: verdict.failure?.stage ?? 'check',
    stack: cell.project.stack,
    runtime: formatRuntime(cell.runtime),
    imageMode: cell.project.images,
    phase: cell.phase.name,
    layers: summarizeLayers(cell.phase.layers),
    port: cell.project.port,
    ...(verdict.checks.find((c) => c.status === 'fail')
      ? { failedCheck: verdict.checks.find((c) => c.status === 'fail')! }
      : {}),
    buildOutput: state.buildOutput.join('\n'),
    // A failed release is the app's own code failing before the app could start: its output is the log.
    appLog: state.app?.logs.text() ?? state.release?.output ?? '',
    checkOutput: state.checkOutput,
    ...(state.exit ? { exit: state.exit } : {}),
    listening: state.listening,
    envNames: Object.keys(state.env?.full ?? {}),
    missingSecrets: state.env?.missingSecrets ?? [],
    services,
    localModules: state.localModules,
    start: cell.phase.start,
    ...(previous ? { previousStart: previous.start } : {}),
    env: envEntries(cell, state),
    serviceLogs,
  };
  return diagnose(input);
}
