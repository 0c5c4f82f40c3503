// Run-session options around a FakeDriver, so an engine test states only what differs.
import type { SessionOptions } from '../../src/engine/run-session.js';
import type { FakeDriver } from './fake-driver.js';

export function fakeSession(driver: FakeDriver, overrides: Partial<SessionOptions> = {}): SessionOptions {
  return {
    driver,
    images: driver.imageProvider(),
    clock: driver.clock,
    signal: new AbortController().signal,
    emit: () => undefined,
    hostEnv: {},
    ...overrides,
  };
}
