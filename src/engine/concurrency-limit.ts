// At most N pieces of work at a time, first come first served: how many cells build and run at once.

export type Limited = <T>(work: () => Promise<T>) => Promise<T>;

export function limitConcurrency(limit: number): Limited {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    // A finishing piece hands its slot straight to the next in line, so no newcomer can slip in between.
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
