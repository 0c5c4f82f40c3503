// `stagebisect schema [project|phase|matrix]`: prints the JSON Schema of a file kind, for editors and tools.
import { closestWord } from '../../config/suggest.js';
import { schemaJson } from '../../config/schemas/render-reference.js';
import { SCHEMA_KINDS, type SchemaKind } from '../../config/schemas/schemas.js';
import { UsageError } from '../../errors.js';
import type { CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';

export async function schemaCommand(options: { kind?: string }, context: CommandContext): Promise<number> {
  const kind = options.kind ?? 'project';
  if (!(SCHEMA_KINDS as readonly string[]).includes(kind)) {
    const near = closestWord(kind, SCHEMA_KINDS);
    throw new UsageError(
      `there is no schema "${kind}"`,
      `${near ? `did you mean "${near}"? ` : ''}the schemas are ${SCHEMA_KINDS.join(', ')}`,
    );
  }
  // The schema is a JSON document already: --json changes nothing.
  context.stdout(schemaJson(kind as SchemaKind).trimEnd());
  return EXIT.pass;
}
