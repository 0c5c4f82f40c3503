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

const HOST_SERVICES: Readonly<Record<string, string>> = {
  'postgres url': "the connection string of the host's PostgreSQL database",
  'redis url': "the URL of the host's Redis (key value) instance",
  'llm url': "your LLM provider's base URL (e.g. https://api.openai.com/v1)",
  'llm api_key': "your LLM provider's API key",
};

function hostService(kind: string | undefined, attribute: string): string {
  return HOST_SERVICES[`${kind} ${attribute}`] ?? `the ${attribute} of the host's ${kind ?? 'service'}`;
}

/** What a host needs for it: the value, its own service's, a generated one, or one given by hand. */
export function hostNeeds(entry: SnapshotEnv): string {
  if (entry.byHand && entry.source === 'service') {
    return `${hostService(entry.service?.kind, entry.service?.attribute ?? 'url')}: give it by hand`;
  }
  if (entry.byHand) return 'give it by hand';
  switch (entry.source) {
    case 'literal':
      return 'set as written';
    case 'service':
      return hostService(entry.service?.kind, entry.service?.attribute ?? 'url');
    case 'random':
      return 'generate a random value';
    case 'secret':
      return 'give it by hand';
  }
}
