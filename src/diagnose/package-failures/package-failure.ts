// What a package manager said when it could not provide a package: one shape for apt, pip and npm.
import type { RemedyPackages } from '../../model.js';

export interface PackageFailure {
  /** The package's name, without a version. */
  readonly name: string;
  /** One sentence: which package is not available for which runtime, and why. */
  readonly summary: string;
  /** What to do, naming the phase file and the key. */
  readonly remedy: string;
  /** The package manager's lines, verbatim. */
  readonly evidence: readonly string[];
  /** Packages the remedy proposes instead, a Debian one to be checked before it is printed. */
  readonly packages?: RemedyPackages;
}
