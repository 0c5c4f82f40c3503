// Turns what a cell gathered into its Verdict, diagnosed when it failed. Pure.
import { formatRuntime, type Cell, type Verdict } from '../model.js';
import type { CellState } from './cell-state.js';
import { diagnoseCell } from './diagnose-cell.js';
import type { ReleaseRun } from './run-release.js';

/** Lines of build output and app log a Verdict keeps. */
const TAIL_LINES = 40;

export function buildVerdict(
  cell: Cell,
  state: CellState,
  run: { readonly startedAt: string; readonly runId: string },
): Verdict {
  const status = state.infra ? 'error' : state.failure ? 'fail' : 'pass';
  const exit = state.exit;
  const verdict: Verdict = {
    phase: cell.phase.name,
    phaseIndex: cell.phase.index,
    runtime: formatRuntime(cell.runtime),
    status,
    ...(state.key ? { key: state.key } : {}),
    runId: run.runId,
    startedAt: run.startedAt,
    timings: state.timings,
    checks: state.checks,
    ...(state.failure && !state.infra ? { failure: state.failure } : {}),
    build: {
      ...(state.image ? { image: state.image } : {}),
      outputTail: state.buildOutput.slice(-TAIL_LINES),
    },
    ...(state.release ? { release: releaseVerdict(state.release) } : {}),
    ...(state.app ? { app: { ...(exit ? { exit } : {}), logTail: state.app.logs.tail(TAIL_LINES) } } : {}),
    ...(state.infra ? { infra: state.infra } : {}),
    warnings: state.warnings,
  };
  if (status !== 'fail') return verdict;
  return { ...verdict, diagnosis: state.diagnosis ?? diagnoseCell(cell, verdict, state) };
}

function releaseVerdict(release: ReleaseRun): NonNullable<Verdict['release']> {
  // Read from the container's log buffer: colour codes are already gone.
  const lines = release.output.split('\n').filter((line) => line.trim() !== '');
  return {
    command: release.command,
    exitCode: release.exitCode,
    timedOut: release.timedOut,
    outputTail: lines.slice(-TAIL_LINES),
  };
}
