// What an `import` check runs in a node image: the module loads as the app would load it, in a fresh
// container with only the declared env. A package (`express`, `@scope/pkg`, `pkg/sub`) resolves from
// /app/node_modules; the app's own file or directory (`./dist/db.js`, `dist/db.js`, `src`) is loaded by
// its path. ESM's import() first, which loads CommonJS and ESM alike; require() when ESM refuses what
// require accepts (a package whose exports offer only `require`, a directory with an index.js).

/** Pure: the ES module text for `node --input-type=module -e`. */
export function nodeImportScript(module: string): string {
  return [
    "import { existsSync } from 'node:fs';",
    "import { createRequire } from 'node:module';",
    "import { resolve } from 'node:path';",
    "import { pathToFileURL } from 'node:url';",
    `const name = ${JSON.stringify(module)};`,
    'const file = resolve(name);',
    // A scoped package name is never a path, even if a directory of that name happens to exist.
    "const own = /^\\.{0,2}\\//.test(name) || (!name.startsWith('@') && existsSync(file));",
    'try {',
    '  await import(own ? pathToFileURL(file).href : name);',
    '} catch (error) {',
    "  if (error?.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' && error?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT') throw error;",
    "  createRequire(resolve('package.json'))(own ? file : name);",
    '}',
  ].join('\n');
}
