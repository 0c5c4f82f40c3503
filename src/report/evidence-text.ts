// One readable line of a check's evidence, without the bulky output (shown on its own).

export function evidenceLine(evidence: Readonly<Record<string, string | number | boolean>>): string {
  return Object.entries(evidence)
    .filter(([key]) => key !== 'output' && key !== 'body')
    .map(([key, value]) => `${key} ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
}

export function indent(lines: readonly string[], prefix = '    | '): string[] {
  return lines.map((line) => `${prefix}${line}`);
}
