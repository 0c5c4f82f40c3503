// The user's npm configuration (registry, proxy, CA, auth tokens, cache), read as npm itself reads it, so
// dependencies resolve on this host exactly as `npm ci` would here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import Config from '@npmcli/config';
import npmDefinitions from '@npmcli/config/lib/definitions/index.js';

/** npm's flat options: what npm hands to arborist and npm-registry-fetch. */
export type NpmOptions = Readonly<Record<string, unknown>>;

/**
 * Where npm's own package is, for its built-in npmrc (a distribution may put settings there). npm beside
 * the running node is the usual place; without one there is simply no built-in file.
 */
function npmPath(): string {
  const prefix = path.dirname(path.dirname(process.execPath));
  const candidates = [
    path.join(prefix, 'lib', 'node_modules', 'npm'),
    path.join(prefix, 'node_modules', 'npm'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'package.json'))) ?? candidates[0]!;
}

/**
 * npm's configuration for a project in `projectDir`: its .npmrc, the user's ~/.npmrc, the global npmrc,
 * npm_config_* variables and the proxy variables, layered as npm layers them. Our own command line is
 * never read as npm's (argv is empty).
 */
export async function loadNpmOptions(projectDir: string): Promise<NpmOptions> {
  const config = new Config({
    npmPath: npmPath(),
    definitions: npmDefinitions.definitions,
    shorthands: npmDefinitions.shorthands,
    flatten: npmDefinitions.flatten,
    argv: [],
    // A copy: loading writes npm_config_* variables into the env it is given (for npm's child
    // processes), which would leak this project's registry into every later load and into our children.
    env: { ...process.env },
    cwd: projectDir,
    execPath: process.execPath,
    platform: process.platform,
  });
  await config.load();
  return config.flat;
}
