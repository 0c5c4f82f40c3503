// The oneOf and anyOf errors of our schemas, read as what they mean: a check (or readiness probe) is one
// of several kinds told apart by the key it starts with, and "needs expect or forbid". They decide which
// of the errors inside their branches a user should see.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { issueAt, type ConfigIssue } from '../errors.js';
import { bare, joinWords, type SchemaNode } from './schema-phrases.js';
import { dataPathOf, lastStep, propertyExample, stepsOf, subjectOf } from './schema-steps.js';
import { closestWord } from './suggest.js';
import { yamlInline, type YamlFile } from './yaml-file.js';

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Issues for every oneOf and anyOf error, and the errors they make moot: those of the branches a value
 * did not choose, or of all branches when no branch fits.
 */
export function choiceIssues(
  file: YamlFile,
  root: SchemaNode,
  errors: readonly ErrorObject[],
): { issues: ConfigIssue[]; moot: Set<ErrorObject> } {
  const issues: ConfigIssue[] = [];
  const moot = new Set<ErrorObject>();
  const within = (choice: ErrorObject): ErrorObject[] =>
    errors.filter(
      (e) =>
        e.schemaPath.startsWith(`${choice.schemaPath}/`) &&
        (e.instancePath === choice.instancePath || e.instancePath.startsWith(`${choice.instancePath}/`)),
    );
  // Outermost first: a choice inside a branch that was not chosen is moot too.
  const choices = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const error of choices) {
    if (moot.has(error)) continue;
    moot.add(error);
    const inside = within(error);
    const branches = error.schema as readonly SchemaNode[];
    const keys = branches.map((b) => (b.required?.length === 1 ? b.required[0]! : undefined));
    const value = error.data;
    const path = dataPathOf(error);
    const steps = stepsOf(root, error);
    const subject = subjectOf(steps);
    if (!isMapping(value) || !keys.every((k): k is string => k !== undefined)) {
      // A value of the wrong type fails every branch; its own type error says so.
      for (const e of inside) moot.add(e);
      if (isMapping(value)) issues.push(issueAt(file.valuePosition(path), `${subject} is none of its forms`));
      continue;
    }
    const present = keys.filter((k) => k in value);
    if (error.keyword === 'oneOf' && present.length === 1) {
      const chosen = `${error.schemaPath}/${keys.indexOf(present[0]!)}/`;
      for (const e of inside) if (!e.schemaPath.startsWith(chosen)) moot.add(e);
      continue;
    }
    for (const e of inside) moot.add(e);
    const inList = typeof lastStep(steps).key === 'number';
    if (error.keyword === 'anyOf') {
      issues.push(
        issueAt(
          file.keyPosition(path),
          `${subject} needs ${joinWords(keys.map((k) => `"${k}"`))}`,
          `add ${propertyExample(lastStep(steps).schema, keys[0]!)}`,
        ),
      );
    } else if (present.length === 0) {
      const known = new Set(branches.flatMap((b) => Object.keys(b.properties ?? {})));
      // A key no kind knows is a misspelt kind; known options alone mean the kind was left out.
      const candidate = Object.keys(value).find((k) => !known.has(k));
      const near = candidate === undefined ? undefined : closestWord(candidate, keys);
      const example = lastStep(steps).schema.examples?.[0] ?? branches[0]?.examples?.[0];
      const start = `start it with one of those kinds, e.g. \`${inList ? '- ' : ''}${yamlInline(example)}\``;
      issues.push(
        candidate === undefined
          ? issueAt(
              file.valuePosition(path),
              `${subject} must name its kind; expected one of ${keys.join(', ')}`,
              start,
            )
          : issueAt(
              file.keyPosition([...path, candidate]),
              `unknown ${bare(subject)} kind "${candidate}"; expected one of ${keys.join(', ')}`,
              near ? `did you mean "${near}"?` : start,
            ),
      );
    } else {
      issues.push(
        issueAt(
          file.keyPosition([...path, present[1]!]),
          `${subject} has one kind, found ${present.join(' and ')}`,
          inList
            ? 'split them into separate list entries, each starting with "- "'
            : `keep one of ${present.join(', ')}`,
        ),
      );
    }
  }
  return { issues, moot };
}
