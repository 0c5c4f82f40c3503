// Memory sizes as a host states them (`512m`, `1g`, `1.5GiB`) into bytes.

/** A number and an optional unit: the project schema's `memory` pattern, and what parseMemory reads. */
export const MEMORY_PATTERN = '^(\\d+(?:\\.\\d+)?)\\s*([kKmMgG])?(?:[iI]?[bB])?$';

/** Docker refuses a limit below 6 MiB. */
export const MIN_MEMORY_BYTES = 6 * 1024 ** 2;

const UNITS: Readonly<Record<string, number>> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Bytes, or undefined when the text is not a size the engine accepts. */
export function parseMemory(text: string): number | undefined {
  const match = new RegExp(MEMORY_PATTERN).exec(text.trim());
  if (!match) return undefined;
  const bytes = Number(match[1]) * (match[2] ? UNITS[match[2].toLowerCase()]! : 1);
  return bytes >= MIN_MEMORY_BYTES ? Math.round(bytes) : undefined;
}
