// Log and output expectations: plain text matches as a substring, /text/ as a regular expression.

export function textMatcher(pattern: string): (text: string) => boolean {
  const regex = /^\/(.+)\/([imsu]*)$/.exec(pattern);
  if (regex) {
    const compiled = new RegExp(regex[1]!, regex[2]);
    return (text) => compiled.test(text);
  }
  return (text) => text.includes(pattern);
}
