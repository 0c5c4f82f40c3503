// `stagebisect validate`: reads and checks the configuration without building anything.
import { loadPlan } from '../../config/load-plan.js';
import { formatRuntime } from '../../model.js';
import { Masker } from '../../secrets/masker.js';
import { isSecretName } from '../../secrets/secret-names.js';
import { printResult, type CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';

export async function validateCommand(options: { config: string }, context: CommandContext): Promise<number> {
  const plan = await loadPlan(options.config, context.cwd);
  // The plan holds env values as written: a literal secret in a phase file must not be echoed back.
  const masker = new Masker();
  for (const phase of plan.phases) {
    for (const [name, value] of Object.entries(phase.env)) if (isSecretName(name)) masker.add(value);
  }
  printResult(context, { command: 'validate', plan: masker.maskData(plan) }, () =>
    [
      `${plan.name}: ${plan.stack} on ${formatRuntime(plan.defaultRuntime)}, images ${plan.images}, ${plan.phases.length} phases`,
      ...plan.phases.map((p) => {
        const layer = p.layers[p.layers.length - 1]!;
        const services = p.services.length ? `, services ${p.services.map((s) => s.name).join(' ')}` : '';
        return `  ${p.index}. ${p.name} (${layer.file}): ${layer.checks.length} own checks, ${p.checks.length} in all${services}`;
      }),
    ].join('\n'),
  );
  return EXIT.pass;
}
