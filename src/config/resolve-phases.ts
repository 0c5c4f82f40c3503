// Accumulates layers into phases: each phase is its layer plus everything the layers before it declared.
import type { CheckSpec, FileSelection, Layer, Phase, ServiceSpec } from '../model.js';

function unionFiles(a: FileSelection, b: FileSelection): FileSelection {
  if (a === 'context' || b === 'context') return 'context';
  return [...new Set([...a, ...b])];
}

/** Pure: layers in file order, the project's start command -> one cumulative Phase per layer. */
export function resolvePhases(layers: readonly Layer[], projectStart: string): Phase[] {
  const phases: Phase[] = [];
  let start = projectStart;
  // Like `start`, the last layer that declares a build step or a release command wins from then on.
  let build: string | undefined;
  let release: string | undefined;
  let files: FileSelection = [];
  let services: ServiceSpec[] = [];
  let env: Record<string, string> = {};
  let secrets: string[] = [];
  let checks: CheckSpec[] = [];
  layers.forEach((layer, i) => {
    start = layer.start ?? start;
    build = layer.build ?? build;
    release = layer.release ?? release;
    files = unionFiles(files, layer.files);
    services = [
      ...services,
      ...layer.services.filter((s) => !services.some((known) => known.name === s.name)),
    ];
    env = { ...env, ...layer.env };
    secrets = [...new Set([...secrets, ...layer.secrets])];
    checks = [...checks, ...layer.checks];
    phases.push({
      index: i + 1,
      name: layer.name,
      description: layer.description,
      layers: layers.slice(0, i + 1),
      start,
      ...(build !== undefined ? { build } : {}),
      ...(release !== undefined ? { release } : {}),
      files,
      services,
      env,
      secrets,
      checks,
    });
  });
  return phases;
}
