// Why a project's dependencies cannot be installed as its host would install them: data a verdict shows
// and a diagnosis reads, never an exception. Each names the package and says what to do.
import type { LockMismatch } from './lockfile-sync.js';

interface Described {
  /** One sentence: what is wrong, naming the package or file. */
  readonly message: string;
  /** What to do about it. */
  readonly remedy: string;
}

export type DependencyFailure =
  /** `npm ci` refuses: the lockfile disagrees with package.json. */
  | (Described & {
      readonly kind: 'lockfile-out-of-sync';
      readonly lockfile: string;
      readonly packages: readonly LockMismatch[];
    })
  /** Only a pnpm or yarn 2+ lockfile: npm (and so stagebisect) cannot install from it. */
  | (Described & { readonly kind: 'unsupported-lockfile'; readonly lockfile: string })
  /** The registry has no package by that name (E404). */
  | (Described & { readonly kind: 'package-not-found'; readonly package: string; readonly spec: string })
  /** The registry has the package but no version in the range (ETARGET). */
  | (Described & { readonly kind: 'no-matching-version'; readonly package: string; readonly range: string })
  /** npm cannot place the packages together (ERESOLVE: conflicting peer dependencies). */
  | (Described & { readonly kind: 'conflict'; readonly package: string | null; readonly detail: string });

export type DependencyFailureKind = DependencyFailure['kind'];
