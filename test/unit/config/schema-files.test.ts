// The shipped schemas as any tool sees them: schemas/*.json read from disk and compiled by a bare Ajv (not
// through our loader) accept every preset, example and fixture in the repository; every key documents
// itself; and the JSON files and the reference in docs/config.md are what the schemas generate today.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { schemaJson, withReference } from '../../../src/config/schemas/render-reference.js';
import { SCHEMA_KINDS, schemaFileName, type SchemaKind } from '../../../src/config/schemas/schemas.js';
import { validatorSource } from '../../../src/config/schemas/validator-source.js';
import { REPO_ROOT } from '../../support/cli.js';

const read = (relative: string): string => readFileSync(path.join(REPO_ROOT, relative), 'utf8');
const yamlIn = (dir: string): string[] => {
  try {
    return readdirSync(path.join(REPO_ROOT, dir))
      .filter((n) => /\.ya?ml$/.test(n))
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
};
const projectsIn = (dir: string): string[] =>
  readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(dir, entry.name));

/** Every file of the repository a user could copy, by the schema it follows. */
function filesOfKind(kind: SchemaKind): string[] {
  const projects = [
    ...projectsIn('examples'),
    ...projectsIn('test/fixtures'),
    ...projectsIn('bench/fixtures'),
  ];
  if (kind === 'matrix') return [...yamlIn('matrices'), ...projects.flatMap((p) => yamlIn(`${p}/matrices`))];
  if (kind === 'phase')
    return [...yamlIn('phases'), ...yamlIn('phases/node'), ...projects.flatMap((p) => yamlIn(`${p}/phases`))];
  return projects.map((p) => `${p}/stagebisect.yaml`).filter((f) => existsSync(path.join(REPO_ROOT, f)));
}

/** A validator as an editor or CI tool would build it: the JSON file, standard Ajv, strict. */
function standalone(kind: SchemaKind) {
  const schema = JSON.parse(read(`schemas/${schemaFileName(kind)}`)) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  // yaml-language-server's message for a pattern; an annotation to any other validator.
  ajv.addVocabulary(['patternErrorMessage']);
  return { schema, validate: ajv.compile(schema) };
}

describe.each(SCHEMA_KINDS)('schemas/%s.schema.json', (kind) => {
  const files = filesOfKind(kind);

  it('is a draft 2020-12 schema with its own $id', () => {
    const { schema } = standalone(kind);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(new RegExp(`/schemas/${kind}\\.schema\\.json$`));
  });

  it('accepts every preset, example and fixture of its kind in the repository', () => {
    const { validate } = standalone(kind);
    expect(files.length).toBeGreaterThanOrEqual({ project: 24, phase: 32, matrix: 1 }[kind]);
    const refused = files.flatMap((file) =>
      validate(parse(read(file))) ? [] : [`${file}: ${JSON.stringify(validate.errors)}`],
    );
    expect(refused).toEqual([]);
  });

  it('refuses a file with a misspelt key', () => {
    const { validate } = standalone(kind);
    const good = parse(read(files[0]!)) as Record<string, unknown>;
    expect(validate({ ...good, namee: 'x' })).toBe(false);
  });

  it('gives every key a description and an example', () => {
    const { schema } = standalone(kind);
    const undocumented: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const properties = (node as { properties?: Record<string, Record<string, unknown>> }).properties;
      for (const [key, property] of Object.entries(properties ?? {})) {
        if (typeof property.description !== 'string' || !Array.isArray(property.examples)) {
          undocumented.push(`${at}${key}`);
        }
      }
      for (const [key, child] of Object.entries(node))
        visit(child, `${at}${key === 'properties' ? '' : `${key}/`}`);
    };
    visit(schema, '');
    expect(undocumented).toEqual([]);
  });

  it('is what the schema source generates (run `npm run docs:config` when this fails)', () => {
    expect(read(`schemas/${schemaFileName(kind)}`)).toBe(schemaJson(kind));
  });
});

describe('src/config/schemas/validators.generated.ts', () => {
  it('is the code Ajv compiles from the schemas today (run `npm run docs:config` when this fails)', () => {
    expect(read('src/config/schemas/validators.generated.ts')).toBe(validatorSource());
  });
});

describe('docs/config.md', () => {
  it('holds the key reference the schemas generate (run `npm run docs:config` when this fails)', () => {
    const docs = read('docs/config.md');
    expect(docs).toBe(withReference(docs));
  });

  it('keeps its hand-written prose around the generated reference', () => {
    const docs = read('docs/config.md');
    expect(docs).toContain('## Env references');
    expect(docs).toContain('## Matrix files');
    expect(docs).toMatch(
      /<!-- generated:reference -->[\s\S]*### Matrix files[\s\S]*<!-- \/generated:reference -->/,
    );
  });
});
