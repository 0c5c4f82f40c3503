// A CheckContext around a FakeContainer, for running one check kind on its own.
import type { CheckContext } from '../../src/checks/check.js';
import { pythonStack } from '../../src/stacks/python-stack.js';
import type { FakeClock } from './fake-clock.js';
import { FakeContainer, type AppScript } from './fake-container.js';
import { FakeCellScope } from './fake-cell-scope.js';
import { FakeDriver } from './fake-driver.js';

export function checkContext(
  app: AppScript,
  clock: FakeClock,
  signal: AbortSignal = new AbortController().signal,
): CheckContext & { readonly app: FakeContainer } {
  return {
    app: new FakeContainer(app, clock),
    cell: new FakeCellScope('check@python@3.11', new FakeDriver({ clock })),
    image: 'fake/shop:check',
    env: {},
    declaredEnv: {},
    stack: pythonStack,
    port: 8000,
    clock,
    signal,
  };
}
