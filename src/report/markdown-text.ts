// Text that goes into Markdown as text: characters Markdown would read as syntax are escaped, and a table
// cell keeps to one line.

/** What Markdown may read as emphasis, code, links, HTML or table syntax in running text. */
const SYNTAX = /[\\`*_[\]<>|~]/g;

export function markdownText(text: string): string {
  return text.replace(SYNTAX, (c) => `\\${c}`);
}

/** For a table cell: escaped, on one line. */
export function markdownCell(text: string): string {
  return markdownText(text.replace(/\s*\n\s*/g, ' '));
}

/**
 * Our own sentences (a diagnosis, a remedy), whose `code spans` are meant as code: escaped like a table
 * cell, but for backticks.
 */
export function markdownProse(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** Inline code, whatever backticks the text holds. */

export function markdownCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded}${fence}`;
}
