// Turns Ajv's errors into ConfigIssues: each at the file:line:column of the key or value it is about, in a
// sentence of our own with a fix. Ajv's wording never reaches the user.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { issueAt, type ConfigIssue } from '../errors.js';
import { choiceIssues } from './choice-issues.js';
import { admitted, joinWords, type SchemaNode } from './schema-phrases.js';
import {
  dataPathOf,
  exampleFix,
  lastStep,
  propertyExample,
  propertyNameOf,
  stepsOf,
  subjectOf,
  type Step,
} from './schema-steps.js';
import { closestWord } from './suggest.js';
import { yamlBlock, yamlInline, type YamlFile } from './yaml-file.js';

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

const params = <T>(error: ErrorObject): T => error.params as T;

/** Translates the errors Ajv found in `file` against `root`; `data` is what was validated. */
export function schemaIssues(
  file: YamlFile,
  root: SchemaNode,
  data: unknown,
  errors: readonly ErrorObject[],
): ConfigIssue[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return [issueAt(file.valuePosition([]), ...emptyFile(root, data))];
  }
  const { issues, moot } = choiceIssues(file, root, errors);
  const remaining = errors.filter(
    (e) =>
      !moot.has(e) &&
      e.keyword !== 'if' &&
      // Errors inside propertyNames repeat what its own error says.
      (e as ErrorObject & { propertyName?: string }).propertyName === undefined,
  );
  // A value of the wrong type breaks its range, length and pattern too: say only the first.
  const mistyped = new Set(remaining.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const error of remaining) {
    if (mistyped.has(error.instancePath) && error.keyword !== 'type') continue;
    const issue = keywordIssue(file, error, stepsOf(root, error));
    if (issue) issues.push(issue);
  }
  issues.push(...requiredIssues(file, root, remaining));
  return dedupe(issues).sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The issue of one error about one value or key (missing keys are told together, below). */
function keywordIssue(file: YamlFile, error: ErrorObject, steps: readonly Step[]): ConfigIssue | undefined {
  const schema = error.parentSchema as SchemaNode;
  const subject = subjectOf(steps);
  const path = dataPathOf(error);
  const at = file.valuePosition(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = params<{ additionalProperty: string }>(error).additionalProperty;
      const allowed = Object.keys(schema.properties ?? {});
      const near = closestWord(key, allowed);
      const where = file.keyPosition([...path, key]);
      if (!allowed.length)
        return issueAt(
          where,
          `unknown key "${key}" in ${subject}, which takes no settings`,
          `remove "${key}"`,
        );
      return issueAt(
        where,
        `unknown key "${key}" in ${subject}; expected one of ${allowed.join(', ')}`,
        near ? `did you mean "${near}"?` : `remove "${key}" or move it where it belongs`,
      );
    }
    case 'propertyNames': {
      const name = propertyNameOf(error)!;
      const names = error.schema as SchemaNode;
      const example = names.examples?.[0];
      return issueAt(
        file.keyPosition([...path, name]),
        `${names.title ?? 'name'} "${name}" ${names.patternErrorMessage ?? 'is not allowed here'}`,
        example === undefined ? `rename "${name}"` : `rename it, e.g. ${String(example)}`,
      );
    }
    case 'type':
    case 'minimum':
    case 'maximum':
    case 'minLength': {
      const example = exampleFix(steps);
      // YAML reads 3.10 as the number 3.1: a version must be quoted to stay what it says.
      const quote = typeof error.data === 'number' && /"\d/.test(example ?? '');
      return issueAt(
        at,
        `${subject} must be ${admitted(schema)}, found ${describeValue(error.data)}`,
        quote ? `put it in quotes (YAML reads 3.10 as the number 3.1): ${example}` : example,
      );
    }
    case 'minItems':
    case 'minProperties':
      return issueAt(at, `${subject} must not be empty`, exampleFix(steps));
    case 'enum': {
      const allowed = params<{ allowedValues: readonly unknown[] }>(error).allowedValues.map(String);
      const near = closestWord(String(error.data), allowed);
      return issueAt(
        at,
        `${subject} "${String(error.data)}" is not supported; expected one of ${allowed.join(', ')}`,
        near ? `did you mean "${near}"?` : exampleFix(steps),
      );
    }
    case 'pattern':
      return issueAt(
        at,
        `${subject} "${String(error.data)}" ${schema.patternErrorMessage ?? 'does not have the form it needs'}`,
        exampleFix(steps),
      );
    case 'required':
      return undefined;
    default:
      return issueAt(at, `${subject} is not valid here`, exampleFix(steps));
  }
}

/**
 * Missing keys, one issue each at the mapping (at its key, when it has one), unless the mapping says more:
 * an unknown key that is a near miss of the missing one (`prot:` for `port:`) is the one mistake, and so
 * is a name that is no valid name.
 */
function requiredIssues(file: YamlFile, root: SchemaNode, errors: readonly ErrorObject[]): ConfigIssue[] {
  const told = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'additionalProperties') {
      const key = params<{ additionalProperty: string }>(error).additionalProperty;
      const near = closestWord(key, Object.keys((error.parentSchema as SchemaNode).properties ?? {}));
      if (near) told.add(`${error.instancePath}/${near}`);
    }
    if (error.keyword === 'propertyNames') told.add(`${error.instancePath}/${propertyNameOf(error)}`);
  }
  const missing = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (error.keyword !== 'required' || told.has(error.instancePath)) continue;
    if (told.has(`${error.instancePath}/${params<{ missingProperty: string }>(error).missingProperty}`))
      continue;
    missing.set(error.instancePath, [...(missing.get(error.instancePath) ?? []), error]);
  }
  return [...missing.values()].flatMap((group) => {
    const steps = stepsOf(root, group[0]!);
    const schema = group[0]!.parentSchema as SchemaNode;
    const at = file.keyPosition(dataPathOf(group[0]!));
    const keys = group.map((e) => params<{ missingProperty: string }>(e).missingProperty);
    const { key, via } = lastStep(steps);
    if (via === 'additional' && typeof key === 'string') {
      // A mapping under a name of the user's choosing (a custom service): the name may be a typo of a
      // known one, a likelier mistake than a missing image.
      const known = Object.keys(steps[steps.length - 2]?.schema.properties ?? {});
      const near = closestWord(key, known);
      const needs = joinWords(
        keys.map((k) => `"${k}"`),
        'and',
      );
      return [
        issueAt(
          at,
          `"${key}" is none of ${known.join(', ')}, so it is ${schema.title ?? 'an entry'} and needs ${needs}`,
          near
            ? `did you mean "${near}"?`
            : `add ${keys.map((k) => propertyExample(schema, k)).join(' and ')}`,
        ),
      ];
    }
    return keys.map((k) =>
      issueAt(at, `${subjectOf(steps)} needs "${k}"`, `add ${propertyExample(schema, k)}`),
    );
  });
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
