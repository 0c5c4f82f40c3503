// At most N CLI runs at a time: tests may be declared concurrent, but two cores build and run only so much
// at once before timing checks (within_ms) start to measure the machine instead of the app.

export type Limited = <T>(work: () => Promise<T>) => Promise<T>;

export function limitConcurrency(limit: number): Limited {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    // A finishing run hands its slot straight to the next in line, so no newcomer can slip in between.
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
