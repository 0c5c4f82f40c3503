// Recognises npm failing to provide a package: an engine it refuses, no such package, or no such version.
import type { DiagnosisInput } from '../diagnosis-input.js';
import { findLastLine } from '../find-last-line.js';
import { describeLayer, layerDeclaring } from '../phase-layers.js';
import type { PackageFailure } from './package-failure.js';

// npm 10+ with engine-strict: "notsup Not compatible with your version of node/npm: x@1" then "Required: {...}".
const NOT_COMPATIBLE = /Not compatible with your version of node\/npm: (\S+)/;
const REQUIRED = /notsup Required: (\{.*\})/;
// Older npm, and the warning form: "Unsupported engine for x@1: wanted: {"node":">=24"} (current: ...)".
const UNSUPPORTED_FOR = /Unsupported engine for (\S+): wanted: (\{[^}]*\})/;
const NOT_FOUND_RESOURCE = /The requested resource '([^']+)' could not be found/;
const NOT_IN_REGISTRY = /'([^']+)' is not in (?:this|the npm) registry/;
const NOT_FOUND_GET = /404 Not Found - GET (\S+)/;
const NO_VERSION = /No matching version found for (\S+?)\.?$/;

/** `fastlib@^2.0.0` -> [`fastlib`, `^2.0.0`]; `@scope/x@1` -> [`@scope/x`, `1`]. */
function splitSpec(spec: string): [string, string | undefined] {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at <= 0 ? [spec, undefined] : [spec.slice(0, at), spec.slice(at + 1)];
}

function wantedNode(engines: string): string | undefined {
  return /"?node"?\s*:\s*["']([^"']+)["']/.exec(engines)?.[1];
}

function engineFailure(lines: readonly string[], input: DiagnosisInput): PackageFailure | undefined {
  const old = findLastLine(lines, UNSUPPORTED_FOR);
  const strict = findLastLine(lines, NOT_COMPATIBLE);
  const required = findLastLine(lines, REQUIRED);
  const spec = old?.match[1] ?? strict?.match[1];
  if (spec === undefined) return undefined;
  const [name] = splitSpec(spec);
  const node = wantedNode(old?.match[2] ?? required?.match[1] ?? '');
  const wants = node ? `node ${node}` : 'a different node or npm';
  const where = describeLayer(input, layerDeclaring(input, name));
  const evidence = old ? [old.line] : [strict?.line ?? '', ...(required ? [required.line] : [])];
  return {
    name,
    summary: `${spec} is not available for ${input.runtime}: it requires ${wants}.`,
    remedy: `Pick a runtime that satisfies ${node ?? 'its engines'} (e.g. \`--runtime\` or the matrix), or in ${where} pin an older ${name} under \`npm:\` that supports ${input.runtime}.`,
    evidence,
  };
}

export function npmFailure(lines: readonly string[], input: DiagnosisInput): PackageFailure | undefined {
  const engine = engineFailure(lines, input);
  if (engine) return engine;
  const version = findLastLine(lines, NO_VERSION);
  if (version) {
    const spec = version.match[1] ?? '';
    const [name, range] = splitSpec(spec);
    const where = describeLayer(input, layerDeclaring(input, name));
    return {
      name,
      summary: `${spec} is not available for ${input.runtime}: the registry has no version of ${name} matching ${range ?? 'the request'}.`,
      remedy: `In ${where}, set ${name} under \`npm:\` to a range that exists (\`npm view ${name} versions\` lists them).`,
      evidence: [version.line],
    };
  }
  const resource = findLastLine(lines, NOT_FOUND_RESOURCE) ?? findLastLine(lines, NOT_IN_REGISTRY);
  const get = findLastLine(lines, NOT_FOUND_GET);
  if (!resource && !get) return undefined;
  const spec = resource?.match[1] ?? decodeURIComponent(get?.match[1]?.split('/').pop() ?? '');
  const [name] = splitSpec(spec);
  const where = describeLayer(input, layerDeclaring(input, name));
  return {
    name,
    summary: `${name} is not available for ${input.runtime}: the registry has no package by that name (404).`,
    remedy: `In ${where}, check the name under \`npm:\` for a typo; a private package needs its registry configured (an .npmrc in the build context).`,
    evidence: [get?.line, resource?.line].filter((line): line is string => line !== undefined),
  };
}
