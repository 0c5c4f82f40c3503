// `python@3.11` and `node@22` into a Runtime, with the reason when the text is not one.
import { STACK_NAMES, type Runtime, type StackName } from '../model.js';

/** The version shapes a runtime may have, per language: the schemas' runtime pattern is made from them. */
export const VERSION_SHAPES: Readonly<Record<StackName, string>> = {
  python: '3\\.\\d{1,2}',
  node: '\\d{2}',
};

/** `python@3.13` or `node@22`, as a JSON Schema pattern. */
export const RUNTIME_PATTERN = `^(?:${STACK_NAMES.map((s) => `${s}@${VERSION_SHAPES[s]}`).join('|')})$`;

const EXAMPLE: Readonly<Record<StackName, string>> = { python: 'python@3.13', node: 'node@22' };

export type RuntimeParse = { ok: true; runtime: Runtime } | { ok: false; reason: string };

export function parseRuntime(text: string): RuntimeParse {
  const [language, version, ...extra] = text.trim().split('@');
  if (!language || version === undefined || extra.length > 0) {
    return {
      ok: false,
      reason: `runtime "${text}" must be written LANGUAGE@VERSION, e.g. python@3.13 or node@22`,
    };
  }
  if (!(STACK_NAMES as readonly string[]).includes(language)) {
    return { ok: false, reason: `runtime language "${language}" is not one of ${STACK_NAMES.join(', ')}` };
  }
  const stack = language as StackName;
  if (!new RegExp(`^${VERSION_SHAPES[stack]}$`).test(version)) {
    const shape = stack === 'python' ? 'MAJOR.MINOR (e.g. 3.13)' : 'a major version (e.g. 22)';
    return { ok: false, reason: `${stack} version "${version}" must be ${shape}, as in ${EXAMPLE[stack]}` };
  }
  return { ok: true, runtime: { language: stack, version } };
}
