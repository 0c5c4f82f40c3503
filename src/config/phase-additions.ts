// The additions of a layer, one by one, and the phase made of the phase before it plus any subset of them:
// what deep bisect builds and checks. Pure.
import type { Layer, LayerAddition, Phase } from '../model.js';
import { resolvePhases } from './resolve-phases.js';

function addition(kind: LayerAddition['kind'], name: string, label: string): LayerAddition {
  return { kind, name, label };
}

/** What the culprit's own layer adds over `previous`, in a stable order: packages, files, env, services, start. */
export function layerAdditions(previous: Phase | undefined, culprit: Phase): LayerAddition[] {
  const layer = culprit.layers[culprit.layers.length - 1]!;
  const before = previous?.files ?? [];
  const files: LayerAddition[] =
    layer.files === 'context'
      ? before === 'context'
        ? []
        : [addition('file', 'context', 'files: the whole context')]
      : before === 'context'
        ? []
        : layer.files.filter((f) => !before.includes(f)).map((f) => addition('file', f, `file ${f}`));
  const known = new Set(previous?.services.map((s) => s.name));
  const startChanged = previous !== undefined && previous.start !== culprit.start;
  return [
    ...layer.apt.map((name) => addition('apt', name, `apt ${name}`)),
    ...layer.pip.map((name) => addition('pip', name, `pip ${name}`)),
    ...layer.requirements.map((file) => addition('requirements', file, `requirements ${file}`)),
    ...Object.entries(layer.npm).map(([name, range]) => addition('npm', name, `npm ${name}@${range}`)),
    ...files,
    ...Object.keys(layer.env)
      .filter((name) => previous?.env[name] !== culprit.env[name])
      .map((name) => addition('env', name, `env ${name}`)),
    ...layer.secrets
      .filter((name) => !previous?.secrets.includes(name))
      .map((name) => addition('secret', name, `secret ${name}`)),
    ...layer.services
      .filter((s) => !known.has(s.name))
      .map((s) => addition('service', s.name, `service ${s.name}`)),
    ...(startChanged ? [addition('start', culprit.start, `start: ${culprit.start}`)] : []),
  ];
}

/**
 * The culprit phase with only `chosen` of its layer's additions: the phase before it, plus those. The
 * layer's checks all stay (they are what fails); what the layer re-declares unchanged stays too.
 */
export function phaseWithAdditions(
  previous: Phase | undefined,
  culprit: Phase,
  chosen: readonly LayerAddition[],
): Phase {
  const layer = culprit.layers[culprit.layers.length - 1]!;
  const offered = layerAdditions(previous, culprit);
  const keeps = (kind: LayerAddition['kind'], name: string): boolean =>
    chosen.some((a) => a.kind === kind && a.name === name) ||
    !offered.some((a) => a.kind === kind && a.name === name);
  const filtered: Layer = {
    ...layer,
    apt: layer.apt.filter((name) => keeps('apt', name)),
    pip: layer.pip.filter((name) => keeps('pip', name)),
    requirements: layer.requirements.filter((file) => keeps('requirements', file)),
    npm: Object.fromEntries(Object.entries(layer.npm).filter(([name]) => keeps('npm', name))),
    files:
      layer.files === 'context'
        ? keeps('file', 'context')
          ? 'context'
          : []
        : layer.files.filter((file) => keeps('file', file)),
    env: Object.fromEntries(Object.entries(layer.env).filter(([name]) => keeps('env', name))),
    secrets: layer.secrets.filter((name) => keeps('secret', name)),
    services: layer.services.filter((s) => keeps('service', s.name)),
  };
  const last: Layer = keeps('start', culprit.start) ? filtered : { ...filtered, start: undefined };
  // The start command before this layer: the previous phase's, which the layers before it settled.
  const phases = resolvePhases([...culprit.layers.slice(0, -1), last], previous?.start ?? culprit.start);
  return phases[phases.length - 1]!;
}
