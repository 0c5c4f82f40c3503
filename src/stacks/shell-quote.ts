// Quotes a word for a POSIX shell, so requirement lines like `sqlalchemy>=2` reach pip intact.

export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
