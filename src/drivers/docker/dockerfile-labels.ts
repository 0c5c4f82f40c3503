// Labels an image through one LABEL instruction at the end of its Dockerfile. The build API's `labels`
// option makes the classic builder commit one layer per label: slower, and the per-run ones would be left
// behind as untagged layers when the tag is removed.

export function withLabels(dockerfile: string, labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return entries.length ? `${dockerfile.trimEnd()}\nLABEL ${entries.join(' ')}\n` : dockerfile;
}
