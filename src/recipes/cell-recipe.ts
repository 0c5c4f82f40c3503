// Pure: a cell and what I/O found out about it (image ids, context hashes, dependency trees) -> its
// recipe and key. Everything that can change a cell's outcome is in the recipe; nothing secret is.
import { createHash } from 'node:crypto';
import { findReferences } from '../config/interpolation.js';
import { formatRuntime, type Cell, type CheckSpec } from '../model.js';
import { Masker } from '../secrets/masker.js';
import { isSecretName } from '../secrets/secret-names.js';
import { stackFor } from '../stacks/stacks.js';
import type { RecipeInputs } from '../stacks/stack.js';
import { VERSION } from '../version.js';
import {
  RECIPE_SCHEMA,
  type CellRecipe,
  type FileSource,
  type ImageRef,
  type Recipe,
  type RecipeCheck,
  type RecipeEnv,
} from './recipe.js';
import { recipeKey } from './recipe-key.js';

export interface CellRecipeInputs extends RecipeInputs {
  readonly driver: Recipe['driver'];
  /** Service images by service name. */
  readonly serviceImages: Readonly<Record<string, ImageRef>>;
  /** The declared secrets the host has a value for (names only). */
  readonly presentSecrets?: readonly string[];
}

/** Only references, no literal text: `${services.llm.api_key}` names a secret without holding one. */
function onlyReferences(value: string): boolean {
  const references = findReferences(value);
  return references.length > 0 && value.replace(/\$\{[^}]*\}/g, '') === '';
}

/** Credentials inside literal URLs are masked, whatever the name of the variable. */
const urlMasker = new Masker();

function envEntry(name: string, value: string): RecipeEnv {
  if (isSecretName(name) && !onlyReferences(value)) return { name, source: 'secret' };
  const declared = urlMasker.mask(value);
  return { name, source: findReferences(value).length ? 'reference' : 'literal', declared };
}

/** A check as it runs: where it was written does not change what it does. */
function recipeCheck(spec: CheckSpec): RecipeCheck {
  const { position: _position, ...rest } = spec;
  return rest;
}

function union(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

export function cellRecipe(cell: Cell, inputs: CellRecipeInputs): CellRecipe {
  const { project, phase } = cell;
  const image = stackFor(project.stack).image(cell, inputs);
  const sources = new Map<string, FileSource>(image.files.map((f) => [f.file.path, f.source]));
  const recipe: Recipe = {
    schema: RECIPE_SCHEMA,
    tool: `stagebisect@${VERSION}`,
    driver: inputs.driver,
    project: project.name,
    stack: project.stack,
    phase: { name: phase.name, index: phase.index },
    runtime: formatRuntime(cell.runtime),
    runtimeImage: inputs.runtimeImage,
    dockerfile: image.dockerfile,
    files: image.files.map((f) => f.file),
    dependencies: {
      apt: union(phase.layers.map((l) => l.apt)),
      pip: union(phase.layers.map((l) => l.pip)),
      requirements: union(phase.layers.map((l) => l.requirements)),
      npm: Object.assign({}, ...phase.layers.map((l) => l.npm)) as Record<string, string>,
    },
    nodeTree: inputs.nodeTree
      ? {
          hash: inputs.nodeTree.hash,
          lockfileSha256: createHash('sha256').update(inputs.nodeTree.lockfile).digest('hex'),
          image: inputs.nodeTree.image,
        }
      : null,
    services: phase.services.map((s) => ({
      name: s.name,
      kind: s.kind,
      image: inputs.serviceImages[s.name] ?? { ref: s.image ?? s.kind, id: '' },
      port: s.port,
      env: Object.fromEntries(
        Object.entries(s.env).map(([k, v]) => [k, isSecretName(k) ? null : urlMasker.mask(v)]),
      ),
      options: {
        ...(s.ready ? { ready: JSON.stringify(s.ready) } : {}),
        ...(s.strictKey !== undefined ? { strictKey: s.strictKey } : {}),
      },
    })),
    env: [
      ...Object.entries(phase.env).map(([name, value]) => envEntry(name, value)),
      ...phase.secrets.map((name): RecipeEnv => ({
        name,
        source: 'secret',
        present: inputs.presentSecrets?.includes(name) ?? false,
      })),
    ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    start: phase.start,
    port: project.port,
    memoryBytes: project.memoryBytes ?? null,
    checks: phase.checks.map(recipeCheck),
  };
  const lockfile = inputs.nodeTree?.lockfile;
  return { key: recipeKey(recipe), recipe, sources, ...(lockfile !== undefined ? { lockfile } : {}) };
}
