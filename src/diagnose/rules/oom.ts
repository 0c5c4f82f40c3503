// oom: the app was killed for using more memory than the container (like the host) allows.
import type { DiagnosisRule } from '../diagnosis-input.js';
import { evidenceLines } from '../evidence-lines.js';
import { findLastLine } from '../find-last-line.js';

// 137 is SIGKILL; alone it may be `docker stop`, so it counts only with words that name memory.
const MEMORY_TEXT = /out of memory|\bMemoryError\b|oom-kill|OOMKilled|Cannot allocate memory/i;
// V8 stops at its own heap limit before the container's: the process aborts with this line, not exit 137.
const V8_HEAP = /JavaScript heap out of memory/;

export const oomRule: DiagnosisRule = (input) => {
  const lines = evidenceLines(input);
  const heap = findLastLine(lines, V8_HEAP);
  if (heap) {
    return {
      class: 'oom',
      subject: null,
      summary: `Node stopped at its heap limit in phase '${input.phase}' on ${input.runtime}: "${heap.line.trim()}".`,
      remedy:
        'Hold less in memory (stream, paginate, cache less at start-up), or raise the heap with ' +
        '`NODE_OPTIONS: "--max-old-space-size=<MiB>"` under `env:`, keeping it below `memory:` in ' +
        'stagebisect.yaml, which mirrors the memory your host gives the app.',
      evidence: [heap.line],
    };
  }
  const exit = input.exit;
  if (!exit) return undefined;
  const text = exit.code === 137 ? findLastLine(lines, MEMORY_TEXT) : undefined;
  if (!exit.oomKilled && !text) return undefined;
  const how = exit.oomKilled ? `exit ${exit.code}, OOMKilled` : `exit ${exit.code}`;
  const evidence = [`exit code ${exit.code}, OOMKilled: ${exit.oomKilled}`];
  const killed = findLastLine(lines, /^Killed$/);
  if (text) evidence.push(text.line);
  else if (killed) evidence.push(killed.line);
  return {
    class: 'oom',
    subject: null,
    summary: `The app ran out of memory and was killed (${how}) in phase '${input.phase}' on ${input.runtime}.`,
    remedy:
      'Reduce what the app holds in memory (load data lazily, fewer workers, smaller caches), or raise ' +
      '`memory:` in stagebisect.yaml, but only as far as your host allows: the limit mirrors the host, ' +
      'and an app that outgrows it here will be killed there too.',
    evidence,
  };
};
