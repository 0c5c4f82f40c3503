// Pure: where an env value of a snapshot comes from, in words a person deploying it reads.
import type { SnapshotEnv } from './snapshot.js';

export function envOrigin(entry: SnapshotEnv): string {
  switch (entry.source) {
    case 'literal':
      return entry.secret
        ? 'a literal in the phase file (a secret: not recorded)'
        : `literal ${JSON.stringify(entry.value ?? '')}`;
    case 'service':
      return `the ${entry.service?.name ?? '?'} service's ${entry.service?.attribute ?? '?'} (${entry.value ?? ''})`;
    case 'random':
      return 'a random value made per run';
    case 'secret':
      return 'a declared secret, read from the environment';
  }
}

/** What a host needs for it: the value, its own service's, a generated one, or one given by hand. */
export function hostNeeds(entry: SnapshotEnv): string {
  if (entry.byHand) return 'give it by hand';
  switch (entry.source) {
    case 'literal':
      return 'set as written';
    case 'service':
      return `from the host's ${entry.service?.kind ?? 'service'} (its ${entry.service?.attribute ?? 'url'})`;
    case 'random':
      return 'generate a random value';
    case 'secret':
      return 'give it by hand';
  }
}
