// `${services.NAME.ATTR}` and `${random.secret}` references in env values: found, validated, replaced.

export type Reference =
  | { readonly kind: 'service'; readonly service: string; readonly attribute: string; readonly text: string }
  | { readonly kind: 'random'; readonly text: string }
  | { readonly kind: 'invalid'; readonly text: string };

const REFERENCE = /\$\{([^}]*)\}/g;

export function findReferences(value: string): Reference[] {
  return [...value.matchAll(REFERENCE)].map((match) => {
    const text = match[0];
    const parts = match[1]!.trim().split('.');
    if (parts.length === 3 && parts[0] === 'services') {
      return { kind: 'service', service: parts[1]!, attribute: parts[2]!, text };
    }
    if (parts.length === 2 && parts[0] === 'random' && parts[1] === 'secret') return { kind: 'random', text };
    return { kind: 'invalid', text };
  });
}

/** Replaces every reference through `resolve`; the caller has validated them already. */
export function interpolate(value: string, resolve: (reference: Reference) => string): string {
  const references = findReferences(value);
  let index = 0;
  return value.replace(REFERENCE, () => resolve(references[index++]!));
}
