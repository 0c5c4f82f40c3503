// Recognises pip failing to provide a requirement: wrong Python, no such version, or an unreachable index.
import type { DiagnosisInput } from '../diagnosis-input.js';
import { findLastLine } from '../find-last-line.js';
import { debianNameForPip } from '../package-names.js';
import { describeLayer, layerDeclaring } from '../phase-layers.js';
import { proposeApt } from '../remedy-packages.js';
import type { PackageFailure } from './package-failure.js';

const DIFFERENT_PYTHON = /ERROR: Package '([^']+)' requires a different Python: (\S+) not in '([^']+)'/;
const IGNORED_FOR_PYTHON =
  /Ignored the following versions that require a different python version: .*Requires-Python (\S+)/;
const NO_VERSION =
  /ERROR: Could not find a version that satisfies the requirement (\S+)(?: \(from versions: ([^)]*)\))?/;
const NO_DISTRIBUTION = /ERROR: No matching distribution found for (\S+)/;
// pip retries a dead index five times, then prints the same "no matching distribution" as for a missing
// version; these retry lines are what tell a network failure apart.
const UNREACHABLE =
  /Retrying .*(?:Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|Network is unreachable|Connection refused|ConnectTimeoutError|ProxyError)|Could not fetch URL .*: There was a problem confirming the ssl certificate/;

/** `PyJWT==2.10.1` -> `PyJWT`. */
function requirementName(requirement: string): string {
  return requirement.split(/[<>=!~;[ ]/, 1)[0] ?? requirement;
}

function pipReason(line: string): string {
  return /\[Errno [^\]]+\] ([^')]+)/.exec(line)?.[1] ?? 'connection failed';
}

export function pipFailure(lines: readonly string[], input: DiagnosisInput): PackageFailure | undefined {
  const python = findLastLine(lines, DIFFERENT_PYTHON);
  if (python) {
    const [, name = '', actual = '', wanted = ''] = python.match;
    const where = describeLayer(input, layerDeclaring(input, name));
    return {
      name,
      summary: `${name} is not available for ${input.runtime}: it requires Python ${wanted}, and the runtime has ${actual}.`,
      remedy: `Pick a runtime that satisfies ${wanted} (e.g. \`--runtime\` or the matrix), or in ${where} pin an older ${name} under \`pip:\` that still supports Python ${actual}.`,
      evidence: [python.line],
    };
  }
  const missing = findLastLine(lines, NO_DISTRIBUTION);
  const notFound = findLastLine(lines, NO_VERSION);
  const requirement = missing?.match[1] ?? notFound?.match[1];
  if (requirement === undefined) return undefined;
  const name = requirementName(requirement);
  const where = describeLayer(input, layerDeclaring(input, name));
  const evidence = [notFound?.line, missing?.line].filter((line): line is string => line !== undefined);

  const ignored = findLastLine(lines, IGNORED_FOR_PYTHON);
  if (ignored) {
    const wanted = ignored.match[1] ?? '';
    return {
      name,
      summary: `${requirement} is not available for ${input.runtime}: every version pip found requires Python ${wanted}.`,
      remedy: `Pick a runtime that satisfies ${wanted}, or in ${where} pin an older ${name} under \`pip:\` that supports ${input.runtime}.`,
      evidence: [ignored.line, ...evidence],
    };
  }
  const offline = findLastLine(lines, UNREACHABLE);
  if (offline) {
    const network = 'This is a network failure: let the build reach PyPI or a mirror (set PIP_INDEX_URL)';
    const found = {
      name,
      summary: `${requirement} could not be installed for ${input.runtime} because pip could not reach its package index (${pipReason(offline.line)}), not because the version is missing.`,
      evidence: [offline.line, ...evidence],
    };
    // Debian's python3-* packages serve Debian's own Python, which is the runtime only in local mode.
    if (input.imageMode !== 'local') return { ...found, remedy: `${network}.` };
    const apt = debianNameForPip(name);
    const proposal = proposeApt({
      apt,
      pip: name,
      withApt: `${network}, or in ${where} install it from Debian instead (\`apt: [${apt}]\`).`,
      withoutApt: `${network}.`,
    });
    return {
      ...found,
      remedy: proposal.remedy,
      ...(proposal.packages ? { packages: proposal.packages } : {}),
    };
  }
  const versions = notFound?.match[2];
  const seen = versions && versions !== 'none' ? ` (versions it found: ${versions})` : '';
  return {
    name,
    summary: `${requirement} is not available for ${input.runtime}: pip found no version that satisfies it${seen}.`,
    remedy: `In ${where}, check the name and pin a version of ${name} that exists for ${input.runtime} under \`pip:\`, pick a runtime it supports, or install it another way (Debian's package under \`apt:\` with \`images: local\`).`,
    evidence,
  };
}
