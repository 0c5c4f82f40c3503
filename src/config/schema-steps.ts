// Where an Ajv error sits in our schemas: the chain of schemas from the root to it, walked along the
// error's schemaPath in step with its data path, and what that chain tells a message (the name of the
// thing, the nearest example).
import type { ErrorObject } from 'ajv/dist/2020.js';
import { bare, type SchemaNode } from './schema-phrases.js';
import { yamlInline, type DataPath } from './yaml-file.js';

/** One level of the path from the schema's root to an error: the schema there and how it was reached. */
export interface Step {
  readonly schema: SchemaNode;
  /** The data key or list index at this level (undefined at the root). */
  readonly key: string | number | undefined;
  readonly via: 'root' | 'property' | 'additional' | 'item' | 'name';
}

function decodePointer(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The data path of an error, as keys and indexes. */
export function dataPathOf(error: ErrorObject): DataPath {
  return decodePointer(error.instancePath);
}

/** The key a propertyNames error is about (Ajv puts it on the inner errors, and in the outer's params). */
export function propertyNameOf(error: ErrorObject): string | undefined {
  const named = error as ErrorObject & { propertyName?: string };
  return named.propertyName ?? (error.params as { propertyName?: string }).propertyName;
}

/** Follows an error's schemaPath through the root schema (ours use no $ref), in step with its data path. */
export function stepsOf(root: SchemaNode, error: ErrorObject): Step[] {
  const tokens = decodePointer(error.schemaPath.replace(/^#/, ''));
  const segments = decodePointer(error.instancePath);
  const steps: Step[] = [{ schema: root, key: undefined, via: 'root' }];
  let next = 0;
  const push = (schema: SchemaNode | undefined, via: Step['via'], key = segments[next++]): void => {
    steps.push({ schema: schema ?? {}, key: via === 'item' ? Number(key) : key, via });
  };
  // The last token is the keyword that failed; everything before it leads to the schema it sits in.
  for (let i = 0; i < tokens.length - 1; i++) {
    const token = tokens[i]!;
    const here = steps[steps.length - 1]!.schema;
    if (token === 'properties') push(here.properties?.[tokens[++i]!], 'property');
    else if (token === 'additionalProperties')
      push(typeof here.additionalProperties === 'object' ? here.additionalProperties : {}, 'additional');
    else if (token === 'items') push(here.items, 'item');
    else if (token === 'propertyNames') push(here.propertyNames, 'name', propertyNameOf(error));
    else if (token === 'oneOf' || token === 'anyOf') {
      // A branch is the same data seen more closely: it replaces its parent at this level.
      const branch = here[token]?.[Number(tokens[++i])] ?? {};
      const last = steps.pop()!;
      steps.push({ ...last, schema: { ...here, ...branch, title: branch.title ?? here.title } });
    }
  }
  return steps;
}

export function lastStep(steps: readonly Step[]): Step {
  return steps[steps.length - 1]!;
}

/** How a message names the thing at the end of `steps`: `port`, `an http check`, `custom service "mq"`. */
export function subjectOf(steps: readonly Step[]): string {
  const { schema, key, via } = lastStep(steps);
  if (via === 'additional' && typeof key === 'string') return `${bare(schema.title ?? 'entry')} "${key}"`;
  return schema.title ?? (key !== undefined ? String(key) : 'the file');
}

/** "write it like `port: 8000`", from the nearest example on the way to the error. */
export function exampleFix(steps: readonly Step[]): string | undefined {
  for (let i = steps.length - 1; i >= 1; i--) {
    const step = steps[i]!;
    const example = step.schema.examples?.[0];
    if (example === undefined || step.via === 'name') continue;
    return typeof step.key === 'number'
      ? `write it like \`- ${yamlInline(example)}\``
      : `write it like \`${step.key}: ${yamlInline(example)}\``;
  }
  return undefined;
}

/** `` `port: 8000` ``: a key of `schema` with its example. */
export function propertyExample(schema: SchemaNode, key: string): string {
  const example = schema.properties?.[key]?.examples?.[0];
  return example === undefined ? `\`${key}: ...\`` : `\`${key}: ${yamlInline(example)}\``;
}
