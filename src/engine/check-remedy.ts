// Checks a verdict's remedy before it is printed: a Debian package it proposes must exist for the cell's
// runtime. The image itself is asked (`apt-cache policy`), once per runtime and package within a run.
import { isInterrupted } from '../errors.js';
import { settleAptCheck, uncheckedApt } from '../diagnose/remedy-packages.js';
import { formatRuntime, type AptCheck, type Cell, type Verdict } from '../model.js';
import { readAptPolicy } from './apt-policy.js';
import type { RunContext } from './run-context.js';

type Answer = Exclude<AptCheck, 'unchecked'>;

const LOOKUP_TIMEOUT_MS = 30_000;
/**
 * Answers by run, then by `runtime package`: every image of a runtime has its runtime image's Debian suite,
 * so the second failing probe of a bisect asks no container.
 */
const answers = new WeakMap<RunContext, Map<string, Promise<Answer>>>();

async function ask(image: string, name: string, context: RunContext): Promise<Answer> {
  const scope = context.scope.openCell('apt-lookup', { services: false });
  try {
    const result = await scope.runOnce(
      {
        role: 'apt-cache',
        image,
        command: ['sh', '-c', 'apt-cache policy; apt-cache policy "$1"', 'sh', name],
        env: {},
      },
      LOOKUP_TIMEOUT_MS,
      context.signal,
    );
    return result.timedOut ? 'unknown' : readAptPolicy(result.output, name);
  } catch (error) {
    // The verdict is already judged; a lookup the engine could not run leaves the remedy unsure, not wrong.
    if (isInterrupted(error)) throw error;
    return 'unknown';
  } finally {
    await scope.dispose();
  }
}

/** Whether the Debian suite of the cell's runtime has `name`, asked of `image()` once per run. */
function aptAnswer(
  cell: Cell,
  image: () => Promise<string>,
  name: string,
  context: RunContext,
): Promise<Answer> {
  let byKey = answers.get(context);
  if (!byKey) answers.set(context, (byKey = new Map()));
  const key = `${formatRuntime(cell.runtime)} ${name}`;
  let answer = byKey.get(key);
  if (!answer) {
    answer = image().then(
      (ref) => ask(ref, name, context),
      (error: unknown) => {
        if (isInterrupted(error)) throw error;
        return 'unknown' as const;
      },
    );
    byKey.set(key, answer);
  }
  return answer;
}

/** The cell's own image, or its runtime image when the build failed (both have the suite's lists). */
async function imageOf(verdict: Verdict, cell: Cell, context: RunContext): Promise<string> {
  return (
    verdict.build?.image ??
    (await context.images.runtimeImage(cell.runtime, () => undefined, context.signal)).ref
  );
}

/**
 * The verdict with its remedy settled: a proposed Debian package is kept only when the cell's image (or,
 * when the build failed, its runtime image) has it; otherwise the remedy names the pip or npm package
 * only, or says it is unsure.
 */
export async function checkRemedy(verdict: Verdict, cell: Cell, context: RunContext): Promise<Verdict> {
  const apt = uncheckedApt(verdict.diagnosis);
  if (!verdict.diagnosis || apt === undefined) return verdict;
  const answer = await aptAnswer(cell, () => imageOf(verdict, cell, context), apt, context);
  return { ...verdict, diagnosis: settleAptCheck(verdict.diagnosis, answer) };
}
