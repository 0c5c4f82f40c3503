// The python stack: Debian packages, requirement files and pip lines per layer, then the app.
import path from 'node:path';
import type { Cell } from '../model.js';
import { loadTemplate, renderTemplate } from '../templating/render-template.js';
import { commonDockerfileData } from './dockerfile-data.js';
import { shellQuote } from './shell-quote.js';
import type { BuildRecipe, Stack } from './stack.js';
import { aptInstallScript } from './apt-install-script.js';

/** Pure: the Dockerfile of a python cell. */
export function renderPythonDockerfile(template: string, cell: Cell, baseImage: string): string {
  const layers = cell.phase.layers.map((layer) => ({
    index: layer.index,
    name: layer.name,
    apt: layer.apt.length ? layer.apt.map(shellQuote).join(' ') : '',
    requirements: layer.requirements.map((file, i) => ({
      source: `context/${file}`,
      target: `${String(layer.index).padStart(2, '0')}-${i + 1}-${path.basename(file)}`,
    })),
    pip: layer.pip.length ? layer.pip.map(shellQuote).join(' ') : '',
  }));
  return renderTemplate(template, { ...commonDockerfileData(cell, baseImage), layers });
}

export const pythonStack: Stack = {
  name: 'python',
  async recipe(cell: Cell, baseImage: string): Promise<BuildRecipe> {
    const dockerfile = renderPythonDockerfile(await loadTemplate('python.Dockerfile'), cell, baseImage);
    return {
      dockerfile,
      generated: new Map([['apt-install.sh', await aptInstallScript()]]),
      extraContextPaths: cell.phase.layers.flatMap((l) => l.requirements),
    };
  },
  importArgv: (module) => [
    'python3',
    '-c',
    `import importlib; importlib.import_module(${JSON.stringify(module)})`,
  ],
};
