// Gathers a failing cell's evidence into a DiagnosisInput and asks the rules for a diagnosis.
import { diagnose } from '../diagnose/diagnose.js';
import type { DiagnosisInput, ServiceEndpoint } from '../diagnose/diagnosis-input.js';
import { summarizeLayers } from '../diagnose/phase-layers.js';
import { formatRuntime, type Cell, type Diagnosis, type Verdict } from '../model.js';
import type { CellState } from './cell-state.js';

export function diagnoseCell(cell: Cell, verdict: Verdict, state: CellState): Diagnosis {
  const services: ServiceEndpoint[] = cell.phase.services.map((spec) => ({
    name: spec.name,
    host: spec.name,
    port: spec.port,
    envVars: state.env?.serviceVars[spec.name] ?? [],
    url: state.services?.attributes[spec.name]?.url ?? '',
  }));
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
  };
  return diagnose(input);
}
