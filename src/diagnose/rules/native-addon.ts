// native-addon: a compiled addon (.node) has no binding built for the image's Node, one built for another
// Node, or could not be built in the image at all.
import type { Diagnosis } from '../../model.js';
import type { DiagnosisInput, DiagnosisRule } from '../diagnosis-input.js';
import { evidenceLines } from '../evidence-lines.js';
import { findLastLine, findNextLine } from '../find-last-line.js';
import { packageInPath } from '../node-package-path.js';
import { describeLayer, layerDeclaring } from '../phase-layers.js';

const NO_BINDINGS = /^Error: Could not locate the bindings file\. Tried:$/;
const TRIED = /^ → (\S+)$/;
// Node wraps this message over four lines; they are read joined.
const ABI =
  /The module '([^']+\.node)'\s+was compiled against a different Node\.js version using\s+NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)\./;
const ABI_START = /^Error: The module '[^']+\.node'$/;
// npm names the package whose install script failed, then the script.
const NPM_FAILED_PATH = /^npm error path \S*\/node_modules\/((?:@[^/\s]+\/)?[^/\s]+)$/;
const GYP_ERROR = /^gyp ERR! /;
const GYP_NO_PYTHON = /^gyp ERR! stack Error: Could not find any Python installation to use$/;
const GYP_STACK = /^gyp ERR! stack (Error: .*)$/;
// Without --nodedir (an image with no headers of its Node), node-gyp downloads them: it names what it fetched.
const GYP_HEADERS = /^gyp http GET (\S+\/node-v(\S+?)-headers\.tar\.gz)$/;

/** NODE_MODULE_VERSION of each Node major (nodejs.org's ABI registry). */
const NODE_OF_ABI: Readonly<Record<string, string>> = {
  '108': '18',
  '111': '19',
  '115': '20',
  '120': '21',
  '127': '22',
  '131': '23',
  '137': '24',
  '141': '25',
  '147': '26',
};

const TOOLCHAIN = '`apt: [python3, make, g++]`';

function where(input: DiagnosisInput, name: string): string {
  return describeLayer(input, layerDeclaring(input, name));
}

function abiMismatch(input: DiagnosisInput, lines: readonly string[]): Diagnosis | undefined {
  const start = findLastLine(lines, ABI_START);
  if (!start) return undefined;
  const block = lines.slice(start.index, start.index + 4);
  const match = ABI.exec(block.join(' '));
  const name = match ? packageInPath(match[1] ?? '') : undefined;
  if (!match || !name) return undefined;
  const [, , built = '', needed = ''] = match;
  const builtFor = NODE_OF_ABI[built] ? `Node ${NODE_OF_ABI[built]}` : 'another Node';
  return {
    class: 'native-addon',
    subject: name,
    summary: `${name}'s native addon was built for ${builtFor} (NODE_MODULE_VERSION ${built}), but ${input.runtime} needs NODE_MODULE_VERSION ${needed}, so it cannot load in phase '${input.phase}'.`,
    remedy: `Build ${name} for the image's own Node instead of copying a build made elsewhere: keep node_modules out of the build context (list it in .dockerignore) so the image installs and rebuilds it (\`npm rebuild ${name}\`).`,
    evidence: block,
  };
}

function neverBuilt(input: DiagnosisInput, lines: readonly string[]): Diagnosis | undefined {
  const header = findLastLine(lines, NO_BINDINGS);
  if (!header) return undefined;
  const first = findNextLine(lines, TRIED, header.index + 1, header.index + 3);
  const name = first ? packageInPath(first.match[1] ?? '') : undefined;
  if (!first || !name) return undefined;
  return {
    class: 'native-addon',
    subject: name,
    summary: `${name} is a native addon with no compiled binding in the image of phase '${input.phase}' on ${input.runtime}: its install script never ran there ("Could not locate the bindings file").`,
    remedy: `Let ${name}'s install script compile it inside the image, against the image's Node (\`npm rebuild ${name}\`; node-gyp needs ${TOOLCHAIN} in ${where(input, name)}), and keep a node_modules built elsewhere out of the build context (.dockerignore).`,
    evidence: [header.line, first.line],
  };
}

function buildFailed(input: DiagnosisInput, lines: readonly string[]): Diagnosis | undefined {
  if (input.stage !== 'build') return undefined;
  const path = findLastLine(lines, NPM_FAILED_PATH);
  const gyp = findLastLine(lines, GYP_ERROR);
  const name = path?.match[1];
  if (!path || !gyp || !name) return undefined;
  const noPython = findLastLine(lines, GYP_NO_PYTHON);
  const headers = noPython ? undefined : findLastLine(lines, GYP_HEADERS);
  const stack = noPython ?? findLastLine(lines, GYP_STACK);
  const why = noPython
    ? 'node-gyp found no Python'
    : headers
      ? `node-gyp could not download the headers of Node ${headers.match[2]} (the image has none of its own, and the build cannot reach ${new URL(headers.match[1] ?? '').host})`
      : (stack?.match[1] ?? 'node-gyp failed');
  const remedy = noPython
    ? `node-gyp needs python3, make and g++ in the image: add ${TOOLCHAIN} to ${where(input, name)}, or use a version of ${name} whose prebuilt binary this runtime can download.`
    : headers
      ? `Build on an image that carries the headers of its own Node in /usr/local/include/node, as stagebisect's local images (rebuild an older one: \`stagebisect images build --node MAJOR\`) and node:N-slim do; or pick a ${name} with a prebuilt binary for ${input.runtime}.`
      : `Read node-gyp's error above; the usual causes are a missing build tool (add ${TOOLCHAIN} to ${where(input, name)}) or a ${name} too old or too new for ${input.runtime} (its release notes list the Node versions it builds on).`;
  return {
    class: 'native-addon',
    subject: name,
    summary: `${name}'s native addon could not be built for ${input.runtime} in the image of phase '${input.phase}': ${why}.`,
    remedy,
    evidence: [...(headers ? [headers.line] : []), ...(stack ? [stack.line] : [gyp.line]), path.line],
  };
}

export const nativeAddonRule: DiagnosisRule = (input) => {
  if (input.stack !== 'node') return undefined;
  const lines = evidenceLines(input);
  return buildFailed(input, lines) ?? abiMismatch(input, lines) ?? neverBuilt(input, lines);
};
