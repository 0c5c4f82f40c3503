// `npm ci`'s rule, pure: the lockfile must already hold every package, at the version, that package.json
// asks for. Compares the tree the lockfile describes with the tree npm would build from package.json.

/** One package as a tree holds it, by its location (`node_modules/a/node_modules/b`). */
export interface PlacedPackage {
  readonly name: string;
  readonly version: string;
}

export interface LockMismatch {
  readonly name: string;
  /** The version npm resolves from package.json. */
  readonly wanted: string;
  /** The range package.json declares, when the package is a direct dependency. */
  readonly range?: string;
  /** The version the lockfile holds there; undefined when the lockfile lacks the package. */
  readonly locked?: string;
}

/**
 * Every package of the `ideal` tree (built from package.json, starting from the lock) that the `locked`
 * tree lacks or holds at another version. `ranges` are package.json's own, by name.
 */
export function compareLock(
  locked: ReadonlyMap<string, PlacedPackage>,
  ideal: ReadonlyMap<string, PlacedPackage>,
  ranges: Readonly<Record<string, string>>,
): LockMismatch[] {
  const mismatches: LockMismatch[] = [];
  for (const [location, wanted] of ideal) {
    if (location === '') continue;
    const lock = locked.get(location);
    if (lock && lock.version === wanted.version) continue;
    const direct = location === `node_modules/${wanted.name}` ? ranges[wanted.name] : undefined;
    mismatches.push({
      name: wanted.name,
      wanted: wanted.version,
      ...(direct !== undefined ? { range: direct } : {}),
      ...(lock ? { locked: lock.version } : {}),
    });
  }
  return mismatches;
}

/** One line per mismatch, as a person reads it. */
export function describeMismatch(mismatch: LockMismatch, lockfile: string): string {
  const asked =
    mismatch.range !== undefined
      ? `package.json asks for ${mismatch.range}`
      : `npm resolves ${mismatch.wanted}`;
  return mismatch.locked === undefined
    ? `${mismatch.name}: missing from ${lockfile} (${asked})`
    : `${mismatch.name}: ${lockfile} has ${mismatch.locked}, but ${asked}`;
}
