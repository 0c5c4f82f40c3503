// The node stack: Debian packages per layer, node_modules installed on the host, then the app.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Cell } from '../model.js';
import { loadTemplate, renderTemplate } from '../templating/render-template.js';
import { aptInstallScript } from './apt-install-script.js';
import { commonDockerfileData } from './dockerfile-data.js';
import { shellQuote } from './shell-quote.js';
import type { BuildRecipe, GeneratedFile, Stack } from './stack.js';

/** The dependencies of the context's own package.json, which every phase of a node project needs. */
async function ownDependencies(contextDir: string): Promise<Record<string, string>> {
  try {
    const manifest = JSON.parse(await readFile(path.join(contextDir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    return manifest.dependencies ?? {};
  } catch {
    return {};
  }
}

/** Pure: the Dockerfile of a node cell. */
export function renderNodeDockerfile(
  template: string,
  cell: Cell,
  baseImage: string,
  hasDependencies: boolean,
): string {
  const layers = cell.phase.layers.map((layer) => ({
    index: layer.index,
    name: layer.name,
    apt: layer.apt.length ? layer.apt.map(shellQuote).join(' ') : '',
  }));
  return renderTemplate(template, { ...commonDockerfileData(cell, baseImage), layers, hasDependencies });
}

export const nodeStack: Stack = {
  name: 'node',
  async recipe(cell: Cell, baseImage: string): Promise<BuildRecipe> {
    const dependencies = {
      ...(await ownDependencies(cell.plan.contextDir)),
      ...Object.assign({}, ...cell.phase.layers.map((l) => l.npm)),
    } as Record<string, string>;
    const hasDependencies = Object.keys(dependencies).length > 0;
    const generated = new Map<string, GeneratedFile>([['apt-install.sh', await aptInstallScript()]]);
    const dockerfile = renderNodeDockerfile(
      await loadTemplate('node.Dockerfile'),
      cell,
      baseImage,
      hasDependencies,
    );
    return {
      dockerfile,
      generated,
      extraContextPaths: [],
      ...(hasDependencies ? { hostNodeDependencies: dependencies } : {}),
    };
  },
  importArgv: (module) => {
    const specifier =
      module.startsWith('.') || module.includes('/') ? `file:///app/${module.replace(/^\.\//, '')}` : module;
    return ['node', '--input-type=module', '-e', `await import(${JSON.stringify(specifier)})`];
  },
};
