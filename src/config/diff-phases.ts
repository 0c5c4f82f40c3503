// What one phase adds over the one before it: the readable diff shown for a bisect culprit.
import type { LayerAdditions, Phase } from '../model.js';

/** Everything a phase's own layer adds over the previous phase: the readable diff of a bisect culprit. */
export function diffPhases(previous: Phase | undefined, current: Phase): LayerAdditions {
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
