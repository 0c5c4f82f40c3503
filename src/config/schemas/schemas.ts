// The three file kinds a user writes, each with its JSON Schema and the type of the data it admits.
//
// Why TypeScript is the source and the JSON files are generated: the schema objects below are the single
// description of every key, its type, range, default, description and example. Ajv validates with them,
// FromSchema derives the TypeScript type of validated data from them (so the code that turns data into a
// Plan cannot read a key the schema does not have), the reference in docs/config.md is rendered from them,
// and schemas/*.json are written from them for editors and other tools. Writing JSON by hand instead would
// need a second, hand-kept TypeScript description of the same keys.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { matrixSchema } from './matrix-schema.js';
import { phaseSchema } from './phase-schema.js';
import { projectSchema } from './project-schema.js';

export const SCHEMAS = { project: projectSchema, phase: phaseSchema, matrix: matrixSchema } as const;

export type SchemaKind = keyof typeof SCHEMAS;
export const SCHEMA_KINDS = Object.keys(SCHEMAS) as SchemaKind[];

/** Keys with a default stay optional: the code applies the default, reading it from the schema. */
type Data<S extends JSONSchema> = FromSchema<S, { keepDefaultedPropertiesOptional: true }>;

export type ProjectData = Data<typeof projectSchema>;
export type PhaseData = Data<typeof phaseSchema>;
export type MatrixData = Data<typeof matrixSchema>;

/** The file name a schema is published under, e.g. `phase.schema.json`. */
export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}
