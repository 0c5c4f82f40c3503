// The contract every check kind implements, and what a check may use while it runs.
import type { CellScope, ContainerHandle } from '../drivers/driver.js';
import type { CheckKind, CheckSpec } from '../model.js';
import type { Stack } from '../stacks/stack.js';
import type { Clock } from '../timing/clock.js';

export interface CheckContext {
  /** The running app container. */
  readonly app: ContainerHandle;
  /** For checks that run a process of their own (import, exit). */
  readonly cell: CellScope;
  readonly image: string;
  /** The app's whole env, secrets included. */
  readonly env: Readonly<Record<string, string>>;
  /** The env declared in phase files, without secrets: what `import` checks run with. */
  readonly declaredEnv: Readonly<Record<string, string>>;
  readonly stack: Stack;
  readonly port: number;
  readonly memoryBytes?: number;
  readonly clock: Clock;
  readonly signal: AbortSignal;
}

export interface CheckOutcome {
  readonly status: 'pass' | 'fail';
  /** One sentence: what was seen. Not yet masked. */
  readonly message: string;
  readonly evidence: Readonly<Record<string, string | number | boolean>>;
  /** What the check's own process printed (import, exec, exit checks). Not yet masked. */
  readonly output?: string;
}

export interface Check<Spec extends CheckSpec = CheckSpec> {
  readonly kind: CheckKind;
  run(spec: Spec, context: CheckContext): Promise<CheckOutcome>;
}
