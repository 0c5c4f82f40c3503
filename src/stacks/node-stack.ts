// The node stack: Debian packages per layer, the dependency tree made on the host, then the app.
import type { Cell } from '../model.js';
import { loadTemplateSync, renderTemplate } from '../templating/render-template.js';
import { aptInstallScript } from './apt-install-script.js';
import { contextEntries } from './context-files.js';
import { commonDockerfileData } from './dockerfile-data.js';
import { shellQuote } from './shell-quote.js';
import { imageFactsArgv } from './image-facts.js';
import type { Stack } from './stack.js';

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
  // The laptop's node_modules was built for the laptop: the image gets the tree made for it instead.
  contextRequest: (cell) => ({ selection: cell.phase.files, extraPaths: [], exclude: ['node_modules'] }),
  image: (cell, inputs) => {
    const tree = inputs.nodeTree;
    return {
      dockerfile: renderNodeDockerfile(
        loadTemplateSync('node.Dockerfile'),
        cell,
        inputs.runtimeImage.ref,
        tree !== undefined,
      ),
      files: [
        aptInstallScript(),
        ...(tree
          ? [
              {
                file: {
                  path: 'stagebisect/node_modules',
                  sha256: tree.hash,
                  mode: 0o755,
                  kind: 'tree' as const,
                },
                source: { kind: 'tree' as const, path: tree.dir },
              },
            ]
          : []),
        ...contextEntries(inputs.context),
      ],
    };
  },
  importArgv: (module) => {
    const specifier =
      module.startsWith('.') || module.includes('/') ? `file:///app/${module.replace(/^\.\//, '')}` : module;
    return ['node', '--input-type=module', '-e', `await import(${JSON.stringify(specifier)})`];
  },
  factsArgv: (apt) => imageFactsArgv('node -v', apt, { python: false }),
};
