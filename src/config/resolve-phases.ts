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
  let files: FileSelection = [];
  let services: ServiceSpec[] = [];
  let env: Record<string, string> = {};
  let secrets: string[] = [];
  let checks: CheckSpec[] = [];
  layers.forEach((layer, i) => {
    start = layer.start ?? start;
    files = unionFiles(files, layer.files);
    services = [...services, ...layer.services.filter((s) => !services.some((known) => known.name === s.name))];
    env = { ...env, ...layer.env };
    secrets = [...new Set([...secrets, ...layer.secrets])];
    checks = [...checks, ...layer.checks];
    phases.push({
      index: i + 1,
      name: layer.name,
      description: layer.description,
      layers: layers.slice(0, i + 1),
      start,
      files,
      services,
      env,
      secrets,
      checks,
    });
  });
  return phases;
}

/** Everything a phase's own layer adds over the previous phase: the readable diff of a bisect culprit. */
export interface LayerDiff {
  readonly apt: readonly string[];
  readonly pip: readonly string[];
  readonly requirements: readonly string[];
  readonly npm: Readonly<Record<string, string>>;
  readonly files: FileSelection;
  readonly envNames: readonly string[];
  readonly secrets: readonly string[];
  readonly services: readonly string[];
  readonly checks: readonly string[];
  readonly start?: { readonly from: string; readonly to: string };
}

export function diffPhases(previous: Phase | undefined, current: Phase): LayerDiff {
  const layer = current.layers[current.layers.length - 1]!;
  const changedEnv = Object.keys(layer.env).filter((k) => previous?.env[k] !== current.env[k]);
  const startChanged = previous !== undefined && previous.start !== current.start;
  return {
    apt: layer.apt,
    pip: layer.pip,
    requirements: layer.requirements,
    npm: layer.npm,
    files: layer.files,
    envNames: changedEnv,
    secrets: layer.secrets.filter((s) => !previous?.secrets.includes(s)),
    services: layer.services.map((s) => s.name),
    checks: layer.checks.map((c) => c.label),
    ...(startChanged ? { start: { from: previous.start, to: current.start } } : {}),
  };
}
