// Turns Ajv's errors into ConfigIssues: each at the file:line:column of the key or value it is about, in a
// sentence of our own with a fix. Ajv's wording never reaches the user.
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ConfigIssue } from '../errors.js';
import type { SourcePosition } from '../model.js';
import { admitted, bare, joinWords, type SchemaNode } from './schema-phrases.js';
import { closestWord } from './suggest.js';
import { yamlBlock, yamlInline, type DataPath, type YamlFile } from './yaml-file.js';

/** One level of the path from the schema's root to an error: the schema there and how it was reached. */
interface Step {
  readonly schema: SchemaNode;
  readonly key: string | number | undefined;
  readonly via: 'root' | 'property' | 'additional' | 'item' | 'name';
}

function decodePointer(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Follows an error's schemaPath through the root schema (ours use no $ref), in step with its data path. */
function stepsOf(root: SchemaNode, error: ErrorObject): Step[] {
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
      const branch = here[token]?.[Number(tokens[++i])] ?? {};
      const last = steps.pop()!;
      steps.push({ ...last, schema: { ...here, ...branch, title: branch.title ?? here.title } });
    }
  }
  return steps;
}

function propertyNameOf(error: ErrorObject): string | undefined {
  const named = error as ErrorObject & { propertyName?: string };
  return named.propertyName ?? (error.params as { propertyName?: string }).propertyName;
}

/** How a message names the thing at the end of `steps`: `port`, `an http check`, `custom service "mq"`. */
function subjectOf(steps: readonly Step[]): string {
  const last = steps[steps.length - 1]!;
  const title = last.schema.title;
  if (last.via === 'additional' && typeof last.key === 'string')
    return `${bare(title ?? 'entry')} "${last.key}"`;
  return title ?? (last.key !== undefined ? String(last.key) : 'the file');
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

/** "write it like `port: 8000`", from the nearest example on the way to the error. */
function exampleFix(steps: readonly Step[]): string | undefined {
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

function propertyExample(schema: SchemaNode, key: string): string {
  const example = schema.properties?.[key]?.examples?.[0];
  return example === undefined ? `\`${key}: ...\`` : `\`${key}: ${yamlInline(example)}\``;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Translates the errors Ajv found in `file` against `root`; `data` is what was validated. */
export function schemaIssues(
  file: YamlFile,
  root: SchemaNode,
  data: unknown,
  errors: readonly ErrorObject[],
): ConfigIssue[] {
  const found: ConfigIssue[] = [];
  const issue = (at: SourcePosition, message: string, fix?: string): void => {
    found.push({ ...at, message, ...(fix ? { fix } : {}) });
  };
  const pathOf = (error: ErrorObject): DataPath => decodePointer(error.instancePath);
  /** Where an issue about a whole mapping goes: the key naming it, else the mapping itself. */
  const objectPosition = (path: DataPath): SourcePosition => file.keyPosition(path);

  if (!isMapping(data)) {
    issue(file.valuePosition([]), ...emptyFile(root, data));
    return found;
  }

  const dropped = new Set<ErrorObject>();
  /** The errors below a oneOf or anyOf error: inside its branches, at its value or deeper. */
  const within = (choice: ErrorObject): ErrorObject[] =>
    errors.filter(
      (e) =>
        e.schemaPath.startsWith(`${choice.schemaPath}/`) &&
        (e.instancePath === choice.instancePath || e.instancePath.startsWith(`${choice.instancePath}/`)),
    );

  // oneOf and anyOf first, outermost first: they decide which of the errors inside them matter.
  const choices = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const error of choices) {
    if (dropped.has(error)) continue;
    dropped.add(error);
    const branches = error.schema as readonly SchemaNode[];
    const value = error.data;
    const inside = within(error);
    const keys = branches.map((b) => (b.required?.length === 1 ? b.required[0]! : undefined));
    const path = pathOf(error);
    const steps = stepsOf(root, error);
    const subject = subjectOf(steps);
    // A value of the wrong type fails every branch; its own type error says so.
    if (!isMapping(value) || keys.some((k) => k === undefined)) {
      for (const e of inside) dropped.add(e);
      if (isMapping(value)) issue(file.valuePosition(path), `${subject} does not have a form it may have`);
      continue;
    }
    const present = (keys as string[]).filter((k) => k in value);
    if (error.keyword === 'oneOf' && present.length === 1) {
      const chosen = `${error.schemaPath}/${keys.indexOf(present[0])}/`;
      for (const e of inside) if (!e.schemaPath.startsWith(chosen)) dropped.add(e);
      continue;
    }
    for (const e of inside) dropped.add(e);
    if (error.keyword === 'anyOf') {
      issue(
        objectPosition(path),
        `${subject} needs ${joinWords(keys.map((k) => `"${k}"`))}`,
        `add ${propertyExample(steps[steps.length - 1]!.schema, keys[0]!)}`,
      );
    } else if (present.length === 0) {
      const known = new Set(branches.flatMap((b) => Object.keys(b.properties ?? {})));
      // A key no kind knows is a misspelt kind; known options alone mean the kind was left out.
      const candidate = Object.keys(value).find((k) => !known.has(k));
      const kinds = (keys as string[]).join(', ');
      const near = candidate === undefined ? undefined : closestWord(candidate, keys as string[]);
      const example = steps[steps.length - 1]!.schema.examples?.[0] ?? branches[0]?.examples?.[0];
      const dash = typeof steps[steps.length - 1]!.key === 'number' ? '- ' : '';
      const start = `start it with one of those kinds, e.g. \`${dash}${yamlInline(example)}\``;
      if (candidate === undefined) {
        issue(file.valuePosition(path), `${subject} must name its kind; expected one of ${kinds}`, start);
      } else {
        issue(
          file.keyPosition([...path, candidate]),
          `unknown ${bare(subject)} kind "${candidate}"; expected one of ${kinds}`,
          near ? `did you mean "${near}"?` : start,
        );
      }
    } else {
      const inList = typeof steps[steps.length - 1]!.key === 'number';
      issue(
        file.keyPosition([...path, present[1]!]),
        `${subject} has one kind, found ${present.join(' and ')}`,
        inList
          ? 'split them into separate list entries, each starting with "- "'
          : `keep one of ${present.join(', ')}`,
      );
    }
  }

  const remaining = errors.filter(
    (e) =>
      !dropped.has(e) &&
      e.keyword !== 'oneOf' &&
      e.keyword !== 'anyOf' &&
      e.keyword !== 'if' &&
      // Errors inside propertyNames repeat what its own error says.
      (e as ErrorObject & { propertyName?: string }).propertyName === undefined,
  );
  // A value of the wrong type breaks its range, length and pattern too: say only the first.
  const mistyped = new Set(remaining.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  // An unknown key that is a near miss of a missing required one is one mistake, told once.
  const misspelt = new Map<string, Set<string>>();
  // A name that is no valid name is told as such, not also as a mapping missing keys.
  const badNames = new Set(
    remaining
      .filter((e) => e.keyword === 'propertyNames')
      .map((e) => `${e.instancePath}/${propertyNameOf(e)}`),
  );

  for (const error of remaining) {
    if (mistyped.has(error.instancePath) && error.keyword !== 'type') continue;
    const steps = stepsOf(root, error);
    const schema = error.parentSchema as SchemaNode;
    const subject = subjectOf(steps);
    const path = pathOf(error);
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = (error.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys(schema.properties ?? {});
        const near = closestWord(key, allowed);
        if (near) misspelt.set(error.instancePath, (misspelt.get(error.instancePath) ?? new Set()).add(near));
        issue(
          file.keyPosition([...path, key]),
          allowed.length
            ? `unknown key "${key}" in ${subject}; expected one of ${allowed.join(', ')}`
            : `unknown key "${key}" in ${subject}, which takes no settings`,
          near
            ? `did you mean "${near}"?`
            : allowed.length
              ? `remove "${key}" or move it where it belongs`
              : `remove "${key}"`,
        );
        break;
      }
      case 'propertyNames': {
        const name = propertyNameOf(error)!;
        const names = error.schema as SchemaNode & { examples?: readonly unknown[] };
        const example = names.examples?.[0];
        issue(
          file.keyPosition([...path, name]),
          `${names.title ?? 'name'} "${name}" ${names.patternErrorMessage ?? 'is not allowed here'}`,
          example === undefined ? `rename "${name}"` : `rename it, e.g. ${String(example)}`,
        );
        break;
      }
      case 'type':
      case 'minimum':
      case 'maximum':
      case 'minLength': {
        const example = exampleFix(steps);
        // YAML reads 3.10 as the number 3.1: a version must be quoted to stay what it says.
        const quote = typeof error.data === 'number' && /"\d/.test(example ?? '');
        issue(
          file.valuePosition(path),
          `${subject} must be ${admitted(schema)}, found ${describeValue(error.data)}`,
          quote && example ? `put it in quotes (YAML reads 3.10 as the number 3.1): ${example}` : example,
        );
        break;
      }
      case 'minItems':
      case 'minProperties':
        issue(file.valuePosition(path), `${subject} must not be empty`, exampleFix(steps));
        break;
      case 'enum': {
        const allowed = (error.params as { allowedValues: readonly unknown[] }).allowedValues.map(String);
        const near = closestWord(String(error.data), allowed);
        issue(
          file.valuePosition(path),
          `${subject} "${String(error.data)}" is not supported; expected one of ${allowed.join(', ')}`,
          near ? `did you mean "${near}"?` : exampleFix(steps),
        );
        break;
      }
      case 'pattern':
        issue(
          file.valuePosition(path),
          `${subject} "${String(error.data)}" ${schema.patternErrorMessage ?? 'does not have the form it needs'}`,
          exampleFix(steps),
        );
        break;
      case 'required':
        // Collected below: a mapping missing several keys.
        break;
      default:
        issue(file.valuePosition(path), `${subject} is not valid here`, exampleFix(steps));
    }
  }

  const missing = remaining.filter(
    (e) =>
      e.keyword === 'required' &&
      !badNames.has(e.instancePath) &&
      !misspelt.get(e.instancePath)?.has((e.params as { missingProperty: string }).missingProperty),
  );
  const byMapping = new Map<string, ErrorObject[]>();
  for (const error of missing)
    byMapping.set(error.instancePath, [...(byMapping.get(error.instancePath) ?? []), error]);
  for (const group of byMapping.values()) {
    const first = group[0]!;
    const steps = stepsOf(root, first);
    const schema = first.parentSchema as SchemaNode;
    const path = pathOf(first);
    const keys = group.map((e) => (e.params as { missingProperty: string }).missingProperty);
    const last = steps[steps.length - 1]!;
    if (last.via === 'additional' && typeof last.key === 'string') {
      // A mapping under a name of the user's choosing (a custom service): the name may be a typo of a
      // known one, which is the likelier mistake than a missing image.
      const known = Object.keys(steps[steps.length - 2]?.schema.properties ?? {});
      const near = closestWord(last.key, known);
      issue(
        objectPosition(path),
        `"${last.key}" is none of ${known.join(', ')}, so it is ${schema.title ?? 'an entry'} and needs ${joinWords(
          keys.map((k) => `"${k}"`),
          'and',
        )}`,
        near ? `did you mean "${near}"?` : `add ${keys.map((k) => propertyExample(schema, k)).join(' and ')}`,
      );
      continue;
    }
    for (const key of keys) {
      issue(
        objectPosition(path),
        `${subjectOf(steps)} needs "${key}"`,
        `add ${propertyExample(schema, key)}`,
      );
    }
  }

  return dedupe(found).sort((a, b) => a.line - b.line || a.column - b.column);
}

function dedupe(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.line}:${i.column}:${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An empty file, or one that is not a mapping: what the smallest valid file looks like. */
function emptyFile(root: SchemaNode, data: unknown): [string, string | undefined] {
  const title = root.title ?? 'this file';
  const example = root.examples?.[0] as Record<string, unknown> | undefined;
  const required = root.required ?? [];
  const first = example ? Object.entries(example)[0] : undefined;
  const needs = required.length
    ? joinWords(
        required.map((k) => `\`${k}\``),
        'and',
      )
    : first
      ? `\`${first[0]}: ${yamlInline(first[1])}\``
      : 'some keys';
  const what =
    data === null || data === undefined
      ? `the file is empty; ${title} needs at least ${needs}`
      : `${title} must be a mapping of keys to values, found ${describeValue(data)}; it needs at least ${needs}`;
  return [what, example ? `start from this:\n${yamlBlock(example)}` : undefined];
}
