// Recognises apt-get refusing a package: unknown name, no installable candidate, or a missing version.
import type { DiagnosisInput } from '../diagnosis-input.js';
import { findLastLine, findNextLine } from '../find-last-line.js';
import { pipNameForDebian } from '../package-names.js';
import { describeLayer, layerDeclaring } from '../phase-layers.js';
import type { PackageFailure } from './package-failure.js';

const LOCATE = /\bE: Unable to locate package (\S+)/;
const NO_CANDIDATE = /\bE: Package '([^']+)' has no installation candidate/;
const NO_VERSION = /\bE: Version '([^']+)' for '([^']+)' was not found/;
const REPLACED_BY = /However the following packages replace it:/;

function otherWays(input: DiagnosisInput, name: string): string {
  const pip = input.stack === 'python' ? pipNameForDebian(name) : undefined;
  const viaPip = pip ? `install it with pip instead (\`pip: [${pip}]\`), ` : 'install it another way, ';
  return `${viaPip}or pick a runtime whose Debian release packages it`;
}

export function aptFailure(lines: readonly string[], input: DiagnosisInput): PackageFailure | undefined {
  const version = findLastLine(lines, NO_VERSION);
  if (version) {
    const [, wanted = '', name = ''] = version.match;
    const where = describeLayer(input, layerDeclaring(input, name));
    return {
      name,
      summary: `${name}=${wanted} is not available for ${input.runtime}: this Debian release has no version ${wanted} of ${name}.`,
      remedy: `In ${where}, drop the pin \`=${wanted}\` under \`apt:\` or pin a version the release has (\`apt-cache policy ${name}\` lists them), or ${otherWays(input, name)}.`,
      evidence: [version.line],
    };
  }
  const candidate = findLastLine(lines, NO_CANDIDATE);
  if (candidate) {
    const name = candidate.match[1] ?? '';
    const where = describeLayer(input, layerDeclaring(input, name));
    const header = findNextLine(lines, REPLACED_BY, Math.max(0, candidate.index - 8), candidate.index);
    const replacement = header ? (lines[header.index + 1] ?? '').trim().split(/\s+/).join(' or ') : '';
    const remedy = replacement
      ? `In ${where}, replace ${name} under \`apt:\` with what Debian says replaces it (${replacement}), or ${otherWays(input, name)}.`
      : `In ${where}, remove ${name} from \`apt:\`: ${otherWays(input, name)}.`;
    return {
      name,
      summary: `${name} is not available for ${input.runtime}: Debian knows the name but no package in this release provides it.`,
      remedy,
      evidence: header
        ? [header.line, ...(replacement ? [lines[header.index + 1] ?? ''] : []), candidate.line]
        : [candidate.line],
    };
  }
  const locate = findNextLine(lines, LOCATE, 0);
  if (!locate) return undefined;
  // apt reports every unknown name, one line each; the first names the subject, the summary names them all.
  // The install script retries once after refreshing the package lists, so each line may come twice.
  const all = [...new Set(lines.filter((line) => LOCATE.test(line)))];
  const names = [...new Set(all.map((line) => LOCATE.exec(line)?.[1] ?? ''))];
  const name = names[0] ?? '';
  const where = describeLayer(input, layerDeclaring(input, name));
  const listed = names.length > 1 ? `${names.join(', ')} are` : `${name} is`;
  return {
    name,
    summary: `${listed} not available for ${input.runtime}: apt found no such package in this Debian release.`,
    remedy: `In ${where}, remove ${name} from \`apt:\` and ${otherWays(input, name)}.`,
    evidence: all,
  };
}
