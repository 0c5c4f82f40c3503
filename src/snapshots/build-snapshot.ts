// Pure: a passing cell, its recipe, its verdict and what its containers reported -> its Snapshot. Every
// value comes from the data; secrets are named, never valued.
import { findReferences } from '../config/interpolation.js';
import type { Cell, CheckResult, HttpCheckSpec, Phase, Verdict } from '../model.js';
import type { CellRecipe } from '../recipes/recipe.js';
import { Masker } from '../secrets/masker.js';
import { isSecretName } from '../secrets/secret-names.js';
import { aptPackageName } from '../stacks/image-facts.js';
import { VERSION } from '../version.js';

import type { CellFacts } from '../engine/gather-facts.js';
import {
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type SnapshotCheck,
  type SnapshotEnv,
  type SnapshotFile,
  snapshotLayer,
} from './snapshot.js';

export interface SnapshotInputs {
  readonly cell: Cell;
  readonly recipe: CellRecipe;
  readonly verdict: Verdict;
  readonly facts: CellFacts;
  readonly git: { readonly commit: string | null; readonly dirty: boolean } | undefined;
}

/** Credentials inside literal URLs are masked, whatever the variable is called. */
const urlMasker = new Masker();

/** The layer that first declared `name` (in `env:` or `secrets:`). */
function introducedBy(phase: Phase, name: string): string {
  const layer = phase.layers.find((l) => name in l.env || l.secrets.includes(name));
  return layer?.name ?? phase.name;
}

export function snapshotEnv(phase: Phase): SnapshotEnv[] {
  const entries: SnapshotEnv[] = Object.entries(phase.env).map(([name, value]) => {
    const layer = introducedBy(phase, name);
    const secret = isSecretName(name);
    const references = findReferences(value);
    const service = references.find((r) => r.kind === 'service');
    if (service?.kind === 'service') {
      const spec = phase.services.find((s) => s.name === service.service);
      return {
        name,
        layer,
        source: 'service',
        secret,
        value,
        service: { name: service.service, kind: spec?.kind ?? 'custom', attribute: service.attribute },
        // A service's key or password here is the host's real one there, and no host runs an LLM or your
        // own service for you: those values are given by hand.
        byHand: secret || spec?.kind === 'llm' || spec?.kind === 'custom',
      };
    }
    if (references.some((r) => r.kind === 'random')) {
      return { name, layer, source: 'random', secret: true, value, byHand: false };
    }
    return {
      name,
      layer,
      source: 'literal',
      secret,
      ...(secret ? {} : { value: urlMasker.mask(value) }),
      byHand: secret,
    };
  });
  for (const name of phase.secrets) {
    entries.push({ name, layer: introducedBy(phase, name), source: 'secret', secret: true, byHand: true });
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function snapshotCheck(result: CheckResult, spec: Phase['checks'][number] | undefined): SnapshotCheck {
  const latency = result.evidence.latencyMs;
  const http = spec?.kind === 'http' ? (spec as HttpCheckSpec) : undefined;
  return {
    label: result.label,
    kind: result.kind,
    phase: result.phase,
    status: result.status,
    durationMs: Math.round(result.durationMs),
    ...(typeof latency === 'number' ? { latencyMs: latency } : {}),
    ...(http
      ? {
          http: {
            method: http.method,
            path: http.path,
            status: http.expect.status,
            ...(http.expect.body !== undefined ? { body: http.expect.body } : {}),
            ...(http.requestBody !== undefined ? { requestBody: http.requestBody } : {}),
            headers: http.headers,
            timeoutMs: http.timeoutMs,
          },
        }
      : {}),
  };
}

/**
 * The snapshot of a layer below a passing cell, proven inside it: its own recipe (Dockerfile, files, key),
 * the versions read from the passing image for the packages it declares, and its own checks' results.
 */
export function derivedSnapshot(proof: Snapshot, lower: Omit<SnapshotInputs, 'facts' | 'git'>): Snapshot {
  const own = buildSnapshot({
    ...lower,
    facts: { runtime: null, apt: [], python: null, services: {}, notes: [] },
    git: proof.git ?? undefined,
  });
  const declared = new Set(own.layers.flatMap((l) => l.apt.map(aptPackageName)));
  const layers = new Set(own.layers.map((l) => l.name));
  return {
    ...own,
    runtimeVersion: proof.runtimeVersion,
    packages: {
      apt: proof.packages.apt.filter((p) => declared.has(p.name)),
      python: proof.packages.python,
      lockfile: proof.packages.lockfile,
    },
    services: own.services.map((s) => ({
      ...s,
      version: proof.services.find((p) => p.name === s.name)?.version ?? null,
    })),
    checks: proof.checks.filter((c) => layers.has(c.phase)),
    notes: [
      ...proof.notes,
      `proven inside ${proof.phase.name} (key ${proof.key.slice(0, 12)}), whose image holds this layer; its Python distributions are that image's`,
    ],
    provenBy: { phase: proof.phase.name, index: proof.phase.index, key: proof.key },
  };
}

export function buildSnapshot(inputs: SnapshotInputs): Snapshot {
  const { cell, recipe, verdict, facts } = inputs;
  const { phase } = cell;
  const files: SnapshotFile[] = recipe.recipe.files.map((f) => {
    const source = recipe.sources.get(f.path);
    return {
      path: f.path,
      sha256: f.sha256,
      mode: f.mode,
      kind: f.kind,
      ...(source?.kind === 'symlink' ? { target: source.target } : {}),
    };
  });
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    project: cell.project.name,
    stack: cell.project.stack,
    phase: { name: phase.name, index: phase.index, description: phase.description },
    runtime: recipe.recipe.runtime,
    key: recipe.key,
    runId: verdict.runId,
    date: verdict.startedAt,
    tool: `stagebisect@${VERSION}`,
    git: inputs.git ? { commit: inputs.git.commit, dirty: inputs.git.dirty } : null,
    runtimeVersion: facts.runtime,
    runtimeImage: recipe.recipe.runtimeImage,
    dockerfile: recipe.recipe.dockerfile,
    start: phase.start,
    port: cell.project.port,
    memoryBytes: cell.project.memoryBytes ?? null,
    ...(phase.build !== undefined ? { build: phase.build } : {}),
    ...(phase.release !== undefined ? { release: phase.release } : {}),
    layers: phase.layers.map(snapshotLayer),
    packages: { apt: facts.apt, python: facts.python, lockfile: recipe.lockfile ?? null },
    files,
    services: recipe.recipe.services.map((s) => ({
      name: s.name,
      kind: s.kind,
      image: s.image,
      version: facts.services[s.name] ?? null,
      port: s.port,
    })),
    env: snapshotEnv(phase),
    checks: verdict.checks.map((result, i) => snapshotCheck(result, phase.checks[i])),
    notes: facts.notes,
  };
}
