// Writes what the config schemas generate: the validators Ajv compiles ahead of time
// (src/config/schemas/validators.generated.ts), schemas/*.json (shipped for editors and other tools) and
// the key reference in docs/config.md. Runs the built code: `npm run docs:config` builds first, and
// builds again after, so that dist/ holds the new validators. With --schemas-only (the build does that)
// it writes only schemas/*.json.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { SCHEMA_KINDS, schemaFileName } from '../dist/config/schemas/schemas.js';
import { schemaJson, withReference } from '../dist/config/schemas/render-reference.js';

const root = new URL('..', import.meta.url);
const schemasDir = new URL('schemas/', root);
await mkdir(schemasDir, { recursive: true });
for (const kind of SCHEMA_KINDS) await writeFile(new URL(schemaFileName(kind), schemasDir), schemaJson(kind));

if (!process.argv.includes('--schemas-only')) {
  const { validatorSource } = await import('../dist/config/schemas/validator-source.js');
  await writeFile(new URL('src/config/schemas/validators.generated.ts', root), validatorSource());
  const docs = new URL('docs/config.md', root);
  await writeFile(docs, withReference(await readFile(docs, 'utf8')));
}
