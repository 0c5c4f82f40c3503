// Picks the newest release of one major from a registry's version list, by semver: the registry lists
// versions in no useful order, and string order ranks 20.8.0 above 20.20.2.
import semver from 'semver';

/** The newest stable `major.x` in `versions`, or undefined when the list has none. Prereleases never win. */
export function newestOfMajor(versions: readonly string[], major: string): string | undefined {
  return semver.maxSatisfying([...versions], `${major}.x`) ?? undefined;
}
