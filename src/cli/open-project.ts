// Loads the project a command works on, settles its runtime, and connects to the engine.
import { loadPlan } from '../config/load-plan.js';
import { parseRuntime } from '../config/parse-runtime.js';
import { DockerDriver } from '../drivers/docker/docker-driver.js';
import type { Driver } from '../drivers/driver.js';
import { UsageError } from '../errors.js';
import { describeUnavailable, localRuntimes, runtimeImage } from '../images/image-catalog.js';
import { formatRuntime, type Plan, type Runtime } from '../model.js';
import type { CommandContext } from './command-context.js';

export interface OpenProject {
  readonly plan: Plan;
  readonly runtime: Runtime;
  readonly driver: Driver;
}

export function chooseRuntime(plan: Plan, option: string | undefined): Runtime {
  let runtime = plan.defaultRuntime;
  if (option !== undefined) {
    const parsed = parseRuntime(option);
    if (!parsed.ok) throw new UsageError(`--runtime: ${parsed.reason}`);
    if (parsed.runtime.language !== plan.stack) {
      throw new UsageError(
        `--runtime ${option} does not fit this ${plan.stack} project`,
        `use a ${plan.stack}@VERSION runtime, e.g. ${formatRuntime(plan.defaultRuntime)}`,
      );
    }
    runtime = parsed.runtime;
  }
  if (!runtimeImage(runtime, plan.images, plan.registry)) {
    const servable = localRuntimes().filter((r) => r.startsWith(plan.stack));
    throw new UsageError(
      describeUnavailable(runtime, plan.images),
      `pick one of ${servable.join(', ')} (or use images: registry)`,
    );
  }
  return runtime;
}

export async function openProject(
  configPath: string,
  runtimeOption: string | undefined,
  context: CommandContext,
): Promise<OpenProject> {
  const plan = await loadPlan(configPath, context.cwd);
  const runtime = chooseRuntime(plan, runtimeOption);
  const driver = new DockerDriver();
  await driver.ping(context.signal);
  return { plan, runtime, driver };
}

export function findPhase(plan: Plan, name: string | undefined): Plan['phases'][number] {
  if (name === undefined) return plan.phases[plan.phases.length - 1]!;
  const phase = plan.phases.find((p) => p.name === name) ?? plan.phases.find((p) => String(p.index) === name);
  if (!phase)
    throw new UsageError(
      `no phase "${name}" in ${plan.name}`,
      `phases are: ${plan.phases.map((p) => p.name).join(', ')}`,
    );
  return phase;
}
