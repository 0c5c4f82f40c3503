// Validates a file against the schema of its kind, with the validators Ajv compiled ahead of time
// (validators.generated.ts), and translates what they find into ConfigIssues.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { ConfigIssue } from '../errors.js';
import { schemaIssues } from './schema-issues.js';
import type { SchemaNode } from './schema-phrases.js';
import {
  SCHEMAS,
  type MatrixData,
  type PhaseData,
  type ProjectData,
  type SchemaKind,
} from './schemas/schemas.js';
import * as generated from './schemas/validators.generated.js';
import type { YamlFile } from './yaml-file.js';

const VALIDATORS = generated as unknown as Readonly<Record<SchemaKind, ValidateFunction>>;

/** Every way `data` breaks the schema of `kind`, in Ajv's own terms (translated by schemaIssues). */
export function schemaErrors(kind: SchemaKind, data: unknown): ErrorObject[] {
  const validate = VALIDATORS[kind];
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

type DataOf = { project: ProjectData; phase: PhaseData; matrix: MatrixData };

/** A file's data once it satisfies its schema, or every problem found in it. */
export type Validated<K extends SchemaKind> =
  { readonly ok: true; readonly data: DataOf[K] } | { readonly ok: false; readonly issues: ConfigIssue[] };

/** Syntax first (a broken file has no data to judge), then every schema problem at once. */
export function validateFile<K extends SchemaKind>(file: YamlFile, kind: K): Validated<K> {
  const syntax = file.syntaxIssues();
  if (syntax.length) return { ok: false, issues: syntax };
  const data = file.data();
  const errors = schemaErrors(kind, data);
  if (errors.length === 0) return { ok: true, data: data as DataOf[K] };
  return { ok: false, issues: schemaIssues(file, SCHEMAS[kind] as SchemaNode, data, errors) };
}
