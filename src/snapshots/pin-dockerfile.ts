// Pure: a snapshot's own Dockerfile with every version pinned to what its image had: Debian packages as
// `pkg=version`, pip requirements as `name==version`, and whatever else pip installed as constraints.
// Everything else stays as it ran.
import { aptPackageName } from '../stacks/image-facts.js';
import { shellQuote } from '../stacks/shell-quote.js';
import type { Snapshot } from './snapshot.js';

export interface PinnedDockerfile {
  readonly dockerfile: string;
  /** `constraints.txt` for pip (every distribution pip installed), or null when pip installed none. */
  readonly constraints: string | null;
  readonly pinned: { readonly apt: readonly string[]; readonly pip: readonly string[] };
  /** Declared packages the image did not report: left as written. */
  readonly unpinned: readonly string[];
}

export const CONSTRAINTS_FILE = 'stagebisect/constraints.txt';
const CONSTRAINTS_IN_IMAGE = '/tmp/stagebisect/constraints.txt';

/** The words of a line our templates wrote: bare, or single-quoted by shellQuote. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word = (word ?? '') + text.slice(i + 1, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end;
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** PEP 503: `Foo_Bar.baz` and `foo-bar-baz` are one project. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const APT_LINE = /^RUN stagebisect-apt-install (.+)$/;
const PIP_LINE = /^RUN python3 -m pip install (.+)$/;
const REQUIREMENT = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?/;

export function pinDockerfile(snapshot: Snapshot): PinnedDockerfile {
  const aptVersions = new Map(snapshot.packages.apt.map((p) => [p.name, p.version]));
  const python = snapshot.packages.python ?? [];
  const pipVersions = new Map(python.map((p) => [normalizePythonName(p.name), p.version]));
  const pipInstalled = python.filter((p) => p.installer === 'pip');
  const constraints = pipInstalled.length
    ? `${pipInstalled.map((p) => `${p.name}==${p.version}`).join('\n')}\n`
    : null;
  const pinnedApt: string[] = [];
  const pinnedPip: string[] = [];
  const unpinned: string[] = [];
  let constraintsCopied = false;
  const lines = snapshot.dockerfile.split('\n').flatMap((line): string[] => {
    const apt = APT_LINE.exec(line);
    if (apt) {
      const words = shellWords(apt[1]!).map((word) => {
        const name = aptPackageName(word);
        const version = aptVersions.get(name);
        if (version === undefined) {
          unpinned.push(word);
          return word;
        }
        pinnedApt.push(`${name}=${version}`);
        return `${name}=${version}`;
      });
      return [`RUN stagebisect-apt-install ${words.map(shellQuote).join(' ')}`];
    }
    const pip = PIP_LINE.exec(line);
    if (!pip) return [line];
    const args = shellWords(pip[1]!);
    const fromFile = args.includes('-r');
    const words = args.map((word) => {
      if (fromFile || word.startsWith('-')) return word;
      const match = REQUIREMENT.exec(word);
      const version = match ? pipVersions.get(normalizePythonName(match[1]!)) : undefined;
      if (!match || version === undefined) {
        unpinned.push(word);
        return word;
      }
      pinnedPip.push(`${match[1]}==${version}`);
      return `${match[1]}${match[2] ?? ''}==${version}`;
    });
    const constrained = constraints ? ['-c', CONSTRAINTS_IN_IMAGE, ...words] : words;
    const copy =
      constraints && !constraintsCopied ? [`COPY ${CONSTRAINTS_FILE} ${CONSTRAINTS_IN_IMAGE}`] : [];
    constraintsCopied ||= copy.length > 0;
    return [...copy, `RUN python3 -m pip install ${constrained.map(shellQuote).join(' ')}`];
  });
  const git = snapshot.git
    ? `, commit ${snapshot.git.commit?.slice(0, 12) ?? 'none'}${snapshot.git.dirty ? ' with uncommitted changes' : ''}`
    : '';
  const header = [
    `# Restored by \`stagebisect snapshot restore\`: phase ${snapshot.phase.name} on ${snapshot.runtime}, key ${snapshot.key.slice(0, 12)}, passed ${snapshot.date}${git}.`,
    `# Versions are pinned to what that image had. Its runtime image was ${snapshot.runtimeImage.ref} (${snapshot.runtimeImage.id}).`,
  ];
  return {
    dockerfile: [...header, ...lines].join('\n'),
    constraints,
    pinned: { apt: pinnedApt, pip: pinnedPip },
    unpinned,
  };
}
