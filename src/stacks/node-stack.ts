// The node stack: Debian packages per layer, the dependency tree copied from its own image and rebuilt for
// the image's Node, then the app and its build step.
import type { Cell } from '../model.js';
import { loadTemplateSync, renderTemplate } from '../templating/render-template.js';
import { aptInstallScript } from './apt-install-script.js';
import { contextEntries } from './context-files.js';
import { commonDockerfileData } from './dockerfile-data.js';
import { nodeImportScript } from './node-import-script.js';
import { shellQuote } from './shell-quote.js';
import { imageFactsArgv } from './image-facts.js';
import type { DependencyTree, Stack } from './stack.js';

/** Pure: the Dockerfile of a node cell; `tree` is the dependency tree it copies, if it has one. */
export function renderNodeDockerfile(
  template: string,
  cell: Cell,
  baseImage: string,
  tree: DependencyTree | undefined,
): string {
  const layers = cell.phase.layers.map((layer) => ({
    index: layer.index,
    name: layer.name,
    apt: layer.apt.length ? layer.apt.map(shellQuote).join(' ') : '',
  }));
  return renderTemplate(template, {
    ...commonDockerfileData(cell, baseImage),
    layers,
    tree: tree ? { hash: tree.hash.slice(0, 12), image: tree.image, rebuild: tree.rebuild } : '',
  });
}

export const nodeStack: Stack = {
  name: 'node',
  // The laptop's node_modules was built for the laptop: the image gets the tree made for it instead.
  contextRequest: (cell) => ({ selection: cell.phase.files, extraPaths: [], exclude: ['node_modules'] }),
  image: (cell, inputs) => ({
    dockerfile: renderNodeDockerfile(
      loadTemplateSync('node.Dockerfile'),
      cell,
      inputs.runtimeImage.ref,
      inputs.nodeTree,
    ),
    // The tree is not in the build context: the Dockerfile copies it from its image.
    files: [aptInstallScript(), ...contextEntries(inputs.context)],
  }),
  importArgv: (module) => ['node', '--input-type=module', '-e', nodeImportScript(module)],
  factsArgv: (apt) => imageFactsArgv('node -v', apt, { python: false }),
};
