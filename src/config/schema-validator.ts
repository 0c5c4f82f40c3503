// Ajv, set up once for the three schemas: strict (a misspelt keyword in a schema is our bug, caught at
// once), every error collected, and each error carrying its schema and data for the translation.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
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
import type { YamlFile } from './yaml-file.js';

/** Keywords our schemas carry for editors besides standard JSON Schema (yaml-language-server reads it). */
export const ANNOTATION_KEYWORDS = ['patternErrorMessage'] as const;

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();

function makeAjv(): Ajv2020 {
  const made = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    // `anyOf: [{ required: [expect] }, { required: [forbid] }]` names keys its parent defines.
    strictRequired: false,
    allowUnionTypes: true,
  });
  made.addVocabulary([...ANNOTATION_KEYWORDS]);
  return made;
}

function validatorFor(kind: SchemaKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    ajv ??= makeAjv();
    validate = ajv.compile(SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  return validate;
}

/** Every way `data` breaks the schema of `kind`, in Ajv's own terms (translated by schemaIssues). */
export function schemaErrors(kind: SchemaKind, data: unknown): ErrorObject[] {
  const validate = validatorFor(kind);
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
