// Pure: a runtime's layer ladder as a Mermaid flowchart, bottom layer first, each rung coloured by its
// status. GitHub renders it in the document and in a job's step summary.
import type { LadderStatus } from './cell-statuses.js';

export interface Rung {
  readonly index: number;
  readonly name: string;
  readonly status: LadderStatus;
  /** Taken from a later pass or an earlier failure rather than run. */
  readonly inferred: boolean;
}

const WORDS: Readonly<Record<LadderStatus, string>> = {
  pass: 'pass',
  fail: 'fail',
  untested: 'untested',
  excluded: 'excluded',
};

/** Mermaid reads `"`, `<`, `>` and `#` in a quoted label as its own syntax: written as entity codes. */
export function mermaidLabel(text: string): string {
  return text.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);
}

export function mermaidLadder(rungs: readonly Rung[]): string {
  const nodes = rungs.map(
    (r) =>
      `  L${r.index}["${r.index} · ${mermaidLabel(r.name)}<br/>${WORDS[r.status]}${r.inferred ? ' (inferred)' : ''}"]:::${r.status}`,
  );
  const edges = rungs.slice(1).map((r, i) => `  L${rungs[i]!.index} --> L${r.index}`);
  return [
    'flowchart BT',
    ...nodes,
    ...edges,
    '  classDef pass fill:#1a7f37,stroke:#116329,color:#ffffff',
    '  classDef fail fill:#cf222e,stroke:#a40e26,color:#ffffff',
    '  classDef untested fill:#eaeef2,stroke:#8c959f,color:#24292f',
    '  classDef excluded fill:#ffffff,stroke:#8c959f,color:#6e7781,stroke-dasharray:4 4',
  ].join('\n');
}
