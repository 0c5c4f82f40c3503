// Field shapes that recur across the three schemas (a text, a port, a list of texts), written once.
// Each returns a plain JSON Schema object `as const`, so FromSchema still sees its type.

/** Where the schemas are published; each schema's `$id` is this plus its file name. */
export const SCHEMA_BASE = 'https://raw.githubusercontent.com/stagebisect/stagebisect/main/schemas';
export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** A non-empty text. */
export function text<const E extends readonly string[]>(title: string, description: string, examples: E) {
  return { title, description, type: 'string', minLength: 1, examples } as const;
}

/** A whole number in a range. */
export function wholeNumber<const E extends readonly number[]>(
  title: string,
  description: string,
  range: { readonly minimum: number; readonly maximum: number },
  examples: E,
) {
  return { title, description, type: 'integer', ...range, examples } as const;
}

/** A TCP port. */
export function port<const E extends readonly number[]>(title: string, description: string, examples: E) {
  return wholeNumber(title, description, { minimum: 1, maximum: 65535 }, examples);
}

/** A list of texts; one text alone is taken as a list of one. */
export function textList<const E extends readonly (readonly string[])[]>(
  title: string,
  description: string,
  examples: E,
  item: { readonly title?: string; readonly pattern?: string; readonly patternErrorMessage?: string } = {},
) {
  return {
    title,
    description,
    type: ['string', 'array'],
    minLength: 1,
    items: { title: `${title} entry`, type: 'string', minLength: 1, ...item },
    examples,
  } as const;
}

/** Names a shell reads: letters, digits and `_`, not starting with a digit. */
export const ENV_NAME = {
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  patternErrorMessage: 'must be a variable name: letters, digits and "_", not starting with a digit',
} as const;

/** A mapping of names to values, where numbers and booleans are taken as their text, as a shell would. */
export function textMap<const E extends readonly Readonly<Record<string, string | number | boolean>>[]>(
  title: string,
  description: string,
  names: {
    readonly title: string;
    readonly pattern?: string;
    readonly patternErrorMessage?: string;
    readonly examples: readonly string[];
  },
  valueTitle: string,
  examples: E,
) {
  return {
    title,
    description,
    type: 'object',
    propertyNames: names,
    additionalProperties: {
      title: valueTitle,
      description: 'A text; a number or a boolean is taken as its text, as a shell would.',
      type: ['string', 'number', 'boolean'],
    },
    examples,
  } as const;
}

/** How long a check may wait, in seconds; `defaultSeconds` is what the code uses when the key is absent. */
export function seconds<const D extends number>(title: string, description: string, defaultSeconds: D) {
  return {
    ...wholeNumber(title, description, { minimum: 1, maximum: 3600 }, [defaultSeconds]),
    default: defaultSeconds,
  } as const;
}
