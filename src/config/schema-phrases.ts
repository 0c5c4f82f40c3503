// What a schema admits, in the words our messages and the reference use: "a whole number from 1 to
// 65535", "a text or a list of texts". One place, so an error and the docs never describe a key apart.

/** The parts of a JSON Schema that messages and the reference read. */
export interface SchemaNode {
  readonly title?: string;
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
  readonly propertyNames?: SchemaNode;
  readonly required?: readonly string[];
  readonly oneOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly patternErrorMessage?: string;
}

/** A title without its article: "an http check" -> "http check". */
export function bare(title: string): string {
  return title.replace(/^(a|an|the) /, '');
}

/** "a, b or c" (or "a, b and c"). */
export function joinWords(words: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  return words.length <= 2
    ? words.join(` ${conjunction} `)
    : `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;
}

function plural(noun: string): string {
  return /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

function types(schema: SchemaNode): readonly string[] {
  return typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
}

/** What a schema admits, as a phrase: "a whole number from 1 to 65535", "a text or a list of texts". */
export function admitted(schema: SchemaNode): string {
  const all = types(schema);
  const phrases = all.map((type) => {
    switch (type) {
      case 'integer':
        if (schema.minimum !== undefined && schema.maximum !== undefined)
          return `a whole number from ${schema.minimum} to ${schema.maximum}`;
        return schema.minimum !== undefined
          ? `a whole number of at least ${schema.minimum}`
          : 'a whole number';
      case 'number':
        return 'a number';
      case 'string':
        return schema.minLength ? 'a non-empty text' : 'a text';
      case 'boolean':
        return all.length > 1 ? 'a boolean' : 'true or false';
      case 'array': {
        const items = schema.items;
        const of = items?.type === 'string' ? 'texts' : items?.title ? plural(bare(items.title)) : 'entries';
        return `a list of ${of}`;
      }
      case 'object':
        return 'a mapping of keys to values';
      default:
        return 'nothing';
    }
  });
  return phrases.length ? joinWords(phrases) : 'any value';
}
