// Removes engine resources in parallel, tolerating ones already gone and reporting the rest together.
import { engineError } from './engine-errors.js';

function alreadyGone(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  return status === 404 || (status === 409 && /already in progress/i.test(String((error as Error).message)));
}

export async function removeAll(what: string, removals: readonly (() => Promise<unknown>)[]): Promise<void> {
  const results = await Promise.allSettled(removals.map((remove) => remove()));
  const failures = results.flatMap((r) =>
    r.status === 'rejected' && !alreadyGone(r.reason) ? [r.reason as unknown] : [],
  );
  if (failures.length) throw engineError(`remove ${failures.length} ${what}`, failures[0]);
}
