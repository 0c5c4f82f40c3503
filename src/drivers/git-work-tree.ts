// What git says about a build context: which files it tracks (what a host building from the pushed commit
// gets), which are untracked, and the commit with its dirty flag for snapshots. Runs the host's git.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ContextReadError } from '../recipes/context-snapshot.js';

/** Paths relative to the directory asked about, `/`-separated. */
export interface GitListing {
  readonly tracked: ReadonlySet<string>;
  /** Untracked and not ignored by git: files a user most likely forgot to `git add`. */
  readonly untracked: ReadonlySet<string>;
}

export interface GitState {
  /** The commit checked out; null in a repository without commits. */
  readonly commit: string | null;
  /** Whether anything under the directory differs from that commit (edits, additions, deletions). */
  readonly dirty: boolean;
}

/** Plain messages and no locks taken: we only read, and may run while the user works in the tree. */
const GIT_ENV = { LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' };

type GitRun = { exitCode: number; stdout: string; stderr: string };

/**
 * Runs git with node's own child_process, not execa: every run in a work tree lists its files, and
 * loading execa would add ~0.1 s to each command's first cell.
 */
function git(dir: string, args: readonly string[]): Promise<GitRun | 'missing'> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd: dir, env: { ...process.env, ...GIT_ENV }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ exitCode: 0, stdout, stderr });
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return resolve('missing');
        if (typeof code === 'number') return resolve({ exitCode: code, stdout, stderr });
        reject(error);
      },
    );
  });
}

function outsideWorkTree(run: GitRun): boolean {
  return run.exitCode === 128 && /not a git repository/i.test(run.stderr);
}

/** Whether a `.git` sits in `dir` or above it: when git itself is missing, the only way to know. */
function looksLikeWorkTree(dir: string): boolean {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (existsSync(path.join(at, '.git'))) return true;
    if (path.dirname(at) === at) return false;
  }
}

function paths(output: string): Set<string> {
  return new Set(output.split('\0').filter((p) => p !== ''));
}

/**
 * The files git tracks under `dir` (submodules' files included) and the untracked ones it does not
 * ignore; undefined outside a git work tree. Git trouble inside one is an error that names it: a silent
 * "take every file" would test something the host never builds.
 */
export async function listGitFiles(dir: string): Promise<GitListing | undefined> {
  const [tracked, untracked] = await Promise.all([
    git(dir, ['ls-files', '-z', '--cached', '--recurse-submodules']),
    git(dir, ['ls-files', '-z', '--others', '--exclude-standard']),
  ]);
  if (tracked === 'missing' || untracked === 'missing') {
    if (!looksLikeWorkTree(dir)) return undefined;
    throw new ContextReadError(
      `${dir} is in a git work tree, but git is not installed to list the files it tracks; install git, or set \`context_files: directory\``,
    );
  }
  if (outsideWorkTree(tracked)) return undefined;
  for (const run of [tracked, untracked]) {
    if (run.exitCode !== 0) {
      throw new ContextReadError(
        `git could not list the files of ${dir} (${run.stderr.trim().split('\n').pop() ?? `exit ${run.exitCode}`}); fix the repository, or set \`context_files: directory\``,
      );
    }
  }
  return { tracked: paths(tracked.stdout), untracked: paths(untracked.stdout) };
}

/** The commit and dirty flag of the tree `dir` is in; undefined outside a git work tree or without git. */
export async function gitState(dir: string): Promise<GitState | undefined> {
  const [head, status] = await Promise.all([
    git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']),
    git(dir, ['status', '--porcelain', '--untracked-files=normal', '--', '.']),
  ]);
  if (head === 'missing' || status === 'missing' || outsideWorkTree(status)) return undefined;
  if (status.exitCode !== 0) return undefined;
  return {
    commit: head.exitCode === 0 ? head.stdout.trim() : null,
    dirty: status.stdout.trim() !== '',
  };
}
