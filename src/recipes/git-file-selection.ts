// Pure: of the files a cell would copy from its directory, the ones a host building from the pushed commit
// has. A tracked file keeps its working-tree content (uncommitted edits are tested); an untracked one is
// left out with a warning naming it; one git ignores is left out quietly, as the user asked.
import type { ContextFile } from './context-snapshot.js';

export interface GitFileSets {
  readonly tracked: ReadonlySet<string>;
  readonly untracked: ReadonlySet<string>;
}

export interface GitFileSelection {
  readonly files: ContextFile[];
  /** Untracked, not ignored, and copied by the phase: the host will not have them. */
  readonly untracked: string[];
}

export function selectGitFiles(files: readonly ContextFile[], git: GitFileSets): GitFileSelection {
  const kept: ContextFile[] = [];
  const untracked: string[] = [];
  for (const file of files) {
    if (git.tracked.has(file.path)) kept.push(file);
    else if (git.untracked.has(file.path)) untracked.push(file.path);
  }
  return { files: kept, untracked };
}

/** The warning a cell shows for an untracked file its phase copies. */
export function untrackedWarning(file: string): string {
  return `${file} is not tracked by git: the host will not have it; \`git add\` it, or set \`context_files: directory\``;
}
