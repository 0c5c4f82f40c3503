// The node stack: Debian packages per layer, node_modules installed on the host, then the app.
import type { Cell } from '../model.js';
import { loadTemplate, renderTemplate } from '../templating/render-template.js';
import { aptInstallScript } from './apt-install-script.js';
import { commonDockerfileData } from './dockerfile-data.js';
import { installNodeDependencies } from './node-dependencies.js';
import { shellQuote } from './shell-quote.js';
import type { BuildRecipe, GeneratedFile, Stack } from './stack.js';

/** Pure: the Dockerfile of a node cell. */
export function renderNodeDockerfile(template: string, cell: Cell, baseImage: string, hasDependencies: boolean): string {
  const layers = cell.phase.layers.map((layer) => ({
    index: layer.index,
    name: layer.name,
    apt: layer.apt.length ? layer.apt.map(shellQuote).join(' ') : '',
  }));
  return renderTemplate(template, { ...commonDockerfileData(cell, baseImage), layers, hasDependencies });
}

export const nodeStack: Stack = {
  name: 'node',
  async recipe(cell: Cell, baseImage: string, signal: AbortSignal): Promise<BuildRecipe> {
    const additions = Object.assign({}, ...cell.phase.layers.map((l) => l.npm)) as Record<string, string>;
    const modules = await installNodeDependencies(cell.plan.contextDir, additions, signal);
    const generated = new Map<string, GeneratedFile>([['apt-install.sh', await aptInstallScript()]]);
    if (modules) generated.set('node_modules', { path: modules });
    const dockerfile = renderNodeDockerfile(await loadTemplate('node.Dockerfile'), cell, baseImage, modules !== undefined);
    return { dockerfile, generated, extraContextPaths: [] };
  },
  importArgv: (module) => {
    const specifier = module.startsWith('.') || module.includes('/') ? `file:///app/${module.replace(/^\.\//, '')}` : module;
    return ['node', '--input-type=module', '-e', `await import(${JSON.stringify(specifier)})`];
  },
};
