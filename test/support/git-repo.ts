// git in a test's own directory, with an identity of its own, as a user's work tree would be.
import { execFileSync } from 'node:child_process';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'stagebisect tests',
  GIT_AUTHOR_EMAIL: 'tests@stagebisect.invalid',
  GIT_COMMITTER_NAME: 'stagebisect tests',
  GIT_COMMITTER_EMAIL: 'tests@stagebisect.invalid',
};

/** Runs `git ARGS` in `dir` and returns what it printed. */
export function gitIn(dir: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, ...IDENTITY } }).toString();
}
