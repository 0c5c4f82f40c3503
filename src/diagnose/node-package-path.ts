// Which npm package a file inside node_modules belongs to: the last package on its path.

/** `/app/node_modules/a/node_modules/@scope/pkg/build/x.node` -> `@scope/pkg`; undefined outside node_modules. */
export function packageInPath(file: string): string | undefined {
  if (!file.includes('/node_modules/')) return undefined;
  const parts = file.split('/node_modules/').pop()?.split('/') ?? [];
  const name = parts[0]?.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return name === '' ? undefined : name;
}
