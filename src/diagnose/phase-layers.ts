// Which layer a remedy should point at: the phase under test, or the layer that declared a package.
import type { Layer } from '../model.js';
import type { DiagnosisInput, LayerSummary } from './diagnosis-input.js';

/** What a diagnosis reads of each layer of a phase: its declarations, not its checks or env values. */
export function summarizeLayers(layers: readonly Layer[]): LayerSummary[] {
  return layers.map((layer) => ({
    name: layer.name,
    file: layer.file,
    apt: layer.apt,
    pip: layer.pip,
    requirements: layer.requirements,
    npm: Object.keys(layer.npm),
    files: layer.files,
    ...(layer.start !== undefined ? { start: layer.start } : {}),
  }));
}

/** What these functions read of a cell's evidence: its phase and layers. */
type PhaseLayers = Pick<DiagnosisInput, 'phase' | 'layers'>;

/** The layer of the phase under test: the last one, the file a user edits to fix this phase. */
export function layerUnderTest(input: PhaseLayers): LayerSummary | undefined {
  return input.layers[input.layers.length - 1];
}

// A declared entry names the package before any version pin: `PyJWT==2.10.1`, `python3-fastapi=0.110.0-1`.
function declaredName(entry: string): string {
  return (entry.split(/[\s<>=!~;[@]/, 1)[0] ?? entry).toLowerCase();
}

function declares(layer: LayerSummary, name: string): boolean {
  const wanted = name.toLowerCase();
  return [...layer.apt, ...layer.pip, ...layer.npm].some(
    (entry) => entry.toLowerCase() === wanted || declaredName(entry) === wanted,
  );
}

/** The last layer that lists `name` under apt:, pip: or npm:, else the layer under test. */
export function layerDeclaring(input: PhaseLayers, name: string): LayerSummary | undefined {
  for (let i = input.layers.length - 1; i >= 0; i--) {
    const layer = input.layers[i];
    if (layer && declares(layer, name)) return layer;
  }
  return layerUnderTest(input);
}

/** Whether any layer already lists `name`. */
export function isDeclared(input: PhaseLayers, name: string): boolean {
  return input.layers.some((layer) => declares(layer, name));
}

/** `phase 'auth' (phases/40-auth.yaml)`, or the phase name alone when no layer is known. */
export function describeLayer(input: PhaseLayers, layer: LayerSummary | undefined): string {
  return layer ? `phase '${layer.name}' (${layer.file})` : `phase '${input.phase}'`;
}

/**
 * The first layer that brought `file` (a context path such as `app/auth.py`) into the image: the layer
 * whose code needs what the file imports. Falls back to the layer under test.
 */
export function layerAddingFile(input: PhaseLayers, file: string): LayerSummary | undefined {
  const adds = (layer: LayerSummary): boolean =>
    layer.files !== 'context' &&
    layer.files.some((f) => f === file || file.startsWith(`${f.replace(/\/+$/, '')}/`));
  return input.layers.find(adds) ?? layerUnderTest(input);
}
