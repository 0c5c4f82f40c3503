// Exit codes, chosen so that `git bisect run npx stagebisect run --phase db` bisects commits: 0 good,
// 1 bad, 125 skip (the test could not run), and anything else for usage errors that stop git bisect.

export const EXIT = {
  /** Every check passed. */
  pass: 0,
  /** The app failed a check (or a bisect found a culprit). */
  fail: 1,
  /** Bad usage or configuration: fix the command or the files. */
  usage: 2,
  /** A bug in stagebisect itself. */
  internal: 70,
  /** Infrastructure trouble (engine down, image missing): the app was not judged. */
  infra: 125,
  /** Interrupted by Ctrl-C or SIGTERM; everything the run made was removed. */
  interrupted: 130,
} as const;
