// The files a cell's image receives, as the project asks: with `context_files: git` in a git work tree,
// only what git tracks (a host builds from the pushed commit), warning about untracked files left out.
import type { ContextFiles } from '../model.js';
import { listGitFiles, type GitListing } from '../drivers/git-work-tree.js';
import { snapshotContext, type ContextFile, type ContextRequest } from './context-snapshot.js';
import { selectGitFiles, untrackedWarning } from './git-file-selection.js';

export interface ContextSelection {
  readonly files: ContextFile[];
  /** One per untracked file the phase copies: what the host will lack. */
  readonly warnings: string[];
}

export interface ContextReadRequest extends ContextRequest {
  /** `git` (default): in a git work tree, only tracked files; `directory`: every file. */
  readonly contextFiles?: ContextFiles;
}

export async function readContext(
  request: ContextReadRequest,
  listGit: (dir: string) => Promise<GitListing | undefined> = listGitFiles,
): Promise<ContextSelection> {
  const [files, git] = await Promise.all([
    snapshotContext(request),
    request.contextFiles === 'directory' ? undefined : listGit(request.contextDir),
  ]);
  if (!git) return { files, warnings: [] };
  const selection = selectGitFiles(files, git);
  return { files: selection.files, warnings: selection.untracked.map(untrackedWarning) };
}
