// `stagebisect validate`: reads and checks the configuration without building anything.
import { loadPlan } from '../../config/load-plan.js';
import { formatRuntime } from '../../model.js';
import { printResult, type CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';

export async function validateCommand(options: { config: string }, context: CommandContext): Promise<number> {
  const plan = await loadPlan(options.config, context.cwd);
  printResult(context, { command: 'validate', plan }, () =>
    [
      `${plan.name}: ${plan.stack} on ${formatRuntime(plan.runtime)}, images ${plan.images}, ${plan.phases.length} phases`,
      ...plan.phases.map((p) => {
        const layer = p.layers[p.layers.length - 1]!;
        const services = p.services.length ? `, services ${p.services.map((s) => s.name).join(' ')}` : '';
        return `  ${p.index}. ${p.name} (${layer.file}): ${layer.checks.length} own checks, ${p.checks.length} in all${services}`;
      }),
    ].join('\n'),
  );
  return EXIT.pass;
}
