// Evidence as a person reads it: one line of a check's measurements, and log lines worth reading.

export function evidenceLine(evidence: Readonly<Record<string, string | number | boolean>>): string {
  return Object.entries(evidence)
    .filter(([key]) => key !== 'output' && key !== 'body')
    .map(([key, value]) => `${key} ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
}

export function indent(lines: readonly string[], prefix = '    | '): string[] {
  return lines.map((line) => `${prefix}${line}`);
}

/**
 * Lines of Python's own import machinery (`<frozen importlib._bootstrap>` frames) and the `~~~^^^` markers
 * under a traceback line say nothing about the app: terminal reports leave them out. JSON keeps every line.
 */
const MACHINERY = /^\s*File "<frozen |^\s*[~^]+\s*$/;

export function readableLog(lines: readonly string[], count: number): string[] {
  return lines.filter((line) => !MACHINERY.test(line)).slice(-count);
}
