// The python stack: Debian packages, requirement files and pip lines per layer, then the app.
import path from 'node:path';
import type { Cell } from '../model.js';
import { renderTemplate, loadTemplateSync } from '../templating/render-template.js';
import { aptInstallScript } from './apt-install-script.js';
import { contextEntries } from './context-files.js';
import { commonDockerfileData } from './dockerfile-data.js';
import { shellQuote } from './shell-quote.js';
import { imageFactsArgv } from './image-facts.js';
import type { Stack } from './stack.js';

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
  contextRequest: (cell) => ({
    selection: cell.phase.files,
    extraPaths: cell.phase.layers.flatMap((l) => l.requirements),
    exclude: [],
  }),
  image: (cell, inputs) => ({
    dockerfile: renderPythonDockerfile(loadTemplateSync('python.Dockerfile'), cell, inputs.runtimeImage.ref),
    files: [aptInstallScript(), ...contextEntries(inputs.context)],
  }),
  importArgv: (module) => [
    'python3',
    '-c',
    `import importlib; importlib.import_module(${JSON.stringify(module)})`,
  ],
  factsArgv: (apt) => imageFactsArgv('python3 -V', apt, { python: true }),
};
