// The key reference of docs/config.md, rendered from the schemas: one table per file kind, one per check
// kind, every key with what it admits, its default, what it does and an example. Pure: text in, text out.
import { admitted, bare, type SchemaNode } from '../schema-phrases.js';
import { yamlInline } from '../yaml-file.js';
import { SCHEMAS, schemaFileName, type SchemaKind } from './schemas.js';

export const REFERENCE_START = '<!-- generated:reference -->';
export const REFERENCE_END = '<!-- /generated:reference -->';

interface Row {
  readonly key: string;
  readonly schema: SchemaNode;
  readonly required: boolean;
}

interface Section {
  readonly heading: string;
  readonly description?: string;
  readonly rows: Row[];
}

/** A oneOf whose branches each require one key of their own: checks and readiness probes. */
function keyedBranches(schema: SchemaNode): readonly SchemaNode[] | undefined {
  const branches = schema.oneOf;
  return branches?.every((b) => b.required?.length === 1) ? branches : undefined;
}

/** Rows for the keys of `schema` (and their keys, and so on) under `prefix`; keyed branches with several
 *  keys each become sections of their own. */
function collect(schema: SchemaNode, prefix: string, rows: Row[], sections: Section[]): void {
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const name = `${prefix}${key}`;
    rows.push({ key: name, schema: property, required: schema.required?.includes(key) ?? false });
    descend(property, name, rows, sections);
  }
  if (typeof schema.additionalProperties === 'object') {
    // A key of the user's choosing: a service, an env variable, a header.
    const name = `${prefix}NAME`;
    rows.push({ key: name, schema: schema.additionalProperties, required: false });
    descend(schema.additionalProperties, name, rows, sections);
  }
}

function descend(schema: SchemaNode, name: string, rows: Row[], sections: Section[]): void {
  const target = schema.items && typeof schema.items === 'object' ? schema.items : schema;
  const prefix = target === schema ? `${name}.` : `${name}[].`;
  const branches = keyedBranches(target);
  if (branches && branches.some((b) => Object.keys(b.properties ?? {}).length > 1)) {
    for (const branch of branches) {
      const own: Row[] = [];
      collect(branch, '', own, sections);
      sections.push({
        heading: `${name}: ${bare(branch.title ?? branch.required![0]!)}`,
        ...(branch.description ? { description: branch.description } : {}),
        rows: own,
      });
    }
    return;
  }
  // Branches of one key each (readiness probes) read as keys of their own; the key is the kind, not a must.
  for (const branch of branches ?? []) collect({ ...branch, required: [] }, prefix, rows, sections);
  collect(target, prefix, rows, sections);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  return `\`${text}\``;
}

/** What a key admits: its type, its choices, the shape its text must have. */
function value(schema: SchemaNode): string {
  if (schema.enum) return schema.enum.map((v) => code(String(v))).join(' | ');
  const branches = keyedBranches(schema);
  if (branches) return `one of ${branches.map((b) => code(b.required![0]!)).join(', ')}`;
  const shape = schema.patternErrorMessage ? `: ${schema.patternErrorMessage.replace(/^must be /, '')}` : '';
  return `${admitted(schema).replace(/(^|, | or )an? /g, '$1')}${shape}`;
}

function row({ key, schema, required }: Row): string {
  const leaf = key.split('.').at(-1)!.replace(/\[\]$/, '');
  const example = schema.examples?.[0];
  const exampleText = example === undefined ? '' : code(`${leaf}: ${yamlInline(example)}`);
  const fallback = schema.title && bare(schema.title) !== leaf ? bare(schema.title) : '';
  return `| ${code(key)}${required ? ' (required)' : ''} | ${cell(value(schema))} | ${
    schema.default === undefined ? '' : code(yamlInline(schema.default))
  } | ${cell(schema.description ?? fallback)} | ${cell(exampleText)} |`;
}

function table(rows: readonly Row[]): string {
  return [
    '| key | value | default | what it does | example |',
    '|---|---|---|---|---|',
    ...rows.map(row),
  ].join('\n');
}

const HEADINGS: Readonly<Record<SchemaKind, string>> = {
  project: 'stagebisect.yaml',
  phase: 'Phase files (`phases/*.yaml`)',
  matrix: 'Matrix files (`matrices/*.yaml`)',
};

function renderKind(kind: SchemaKind): string {
  const schema = SCHEMAS[kind] as SchemaNode;
  const rows: Row[] = [];
  const sections: Section[] = [];
  collect(schema, '', rows, sections);
  return [
    `### ${HEADINGS[kind]}`,
    `${schema.description ?? ''} Schema: \`schemas/${schemaFileName(kind)}\` (\`stagebisect schema ${kind}\`).`,
    table(rows),
    ...sections.flatMap((s) => [
      `#### ${s.heading}`,
      ...(s.description ? [s.description] : []),
      table(s.rows),
    ]),
  ].join('\n\n');
}

/** The whole generated section, markers included. */
export function renderReference(): string {
  return [
    REFERENCE_START,
    '<!-- Generated from src/config/schemas by `npm run docs:config`: edit the schemas, not this section. -->',
    ...(Object.keys(SCHEMAS) as SchemaKind[]).map(renderKind),
    REFERENCE_END,
  ].join('\n\n');
}

/** `markdown` with its generated section replaced by a fresh one; throws when the markers are missing. */
export function withReference(markdown: string): string {
  const start = markdown.indexOf(REFERENCE_START);
  const end = markdown.indexOf(REFERENCE_END);
  if (start < 0 || end < start) {
    throw new Error(`the document has no ${REFERENCE_START} ... ${REFERENCE_END} section to fill`);
  }
  return markdown.slice(0, start) + renderReference() + markdown.slice(end + REFERENCE_END.length);
}

/** A schema as the JSON file that ships in schemas/. */
export function schemaJson(kind: SchemaKind): string {
  return `${JSON.stringify(SCHEMAS[kind], null, 2)}\n`;
}
