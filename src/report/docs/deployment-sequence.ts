// Pure: how to deploy, layer by layer: on the runtime that climbs highest, each layer with what it adds,
// the env it needs on the host, and what to run to verify it.
import { compareRuntimeLabels } from '../../matrix/resolve-runtimes.js';
import type { Plan } from '../../model.js';
import { verification, type Verification } from './check-commands.js';
import { ladderStatus, type CellStatus, type LadderStatus } from './cell-statuses.js';
import { additions, runCommand } from './document-text.js';

export interface DeploymentStep {
  readonly index: number;
  readonly phase: string;
  readonly description: string;
  readonly adds: string;
  readonly status: LadderStatus;
  readonly statusText: string;
  /** The command that proves the layer, when it is not proven yet. */
  readonly command: string | null;
  readonly env: readonly { readonly name: string; readonly host: string }[];
  readonly verify: readonly Verification[];
}

export interface DeploymentSequence {
  readonly runtime: string | null;
  readonly reason: string;
  readonly steps: readonly DeploymentStep[];
}

export function deploymentSequence(
  plan: Plan,
  runtimes: readonly string[],
  statusOf: (runtime: string, index: number) => CellStatus | undefined,
  env: readonly { readonly name: string; readonly layer: string; readonly host: string }[],
  config: string,
): DeploymentSequence {
  // Deploy on the runtime that climbs highest; among equals, the newest.
  const height = (runtime: string): number => {
    const fails = plan.phases.find((p) => ladderStatus(statusOf(runtime, p.index)?.status) !== 'pass');
    return fails ? fails.index - 1 : plan.phases.length;
  };
  const chosen =
    [...runtimes].sort((a, b) => height(a) - height(b) || compareRuntimeLabels(a, b)).pop() ?? null;
  const steps: DeploymentStep[] = plan.phases.map((phase) => {
    const layer = phase.layers[phase.layers.length - 1]!;
    const status = chosen ? ladderStatus(statusOf(chosen, phase.index)?.status) : 'untested';
    const cell = chosen ? statusOf(chosen, phase.index) : undefined;
    const statusText =
      status === 'pass'
        ? `proven on ${chosen}`
        : status === 'fail'
          ? `fails on ${chosen}${cell?.diagnosis ? ` (${cell.diagnosis.class}${cell.diagnosis.subject ? `: ${cell.diagnosis.subject}` : ''})` : ''}: fix it before you deploy this layer`
          : `not proven on ${chosen ?? 'any runtime'} yet`;
    return {
      index: phase.index,
      phase: phase.name,
      description: phase.description,
      adds: additions(plan, phase.index),
      status,
      statusText,
      command: status === 'pass' || !chosen ? null : runCommand(config, chosen, phase.name),
      env: env.filter((e) => e.layer === phase.name).map((e) => ({ name: e.name, host: e.host })),
      verify: layer.checks.map(verification),
    };
  });
  return {
    runtime: chosen,
    reason: chosen
      ? `${chosen} climbs highest: ${height(chosen)} of ${plan.phases.length} layers pass`
      : 'no runtime has been tested yet',
    steps,
  };
}
