// Reads a matrix file (matrices/NAME.yaml, or a path) into a MatrixSpec, every value with its position.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { ConfigError, UsageError } from '../errors.js';
import { STACK_NAMES, type MatrixSpec, type Plan, type StackName } from '../model.js';
import { NodeReader } from './node-reader.js';
import { parseRuntime } from './parse-runtime.js';
import { closestWord } from './suggest.js';
import { exists } from './validate-layers.js';
import { isScalar, isSeq, YamlFile, type YamlNode } from './yaml-file.js';

const MATRIX_KEYS = ['name', 'runtimes', 'phases', 'include', 'exclude', 'concurrency', 'mode', 'fail_fast'];
const MODES = ['bisect', 'full'] as const;
const MATRIX_FILE = /\.ya?ml$/;

/** A version (`3.13`, `22`) or a semver range (`>=3.11 <3.15`, `^20 || ^22`) after coercion. */
export function validVersionRange(text: string): boolean {
  return semver.validRange(text.trim(), { loose: true }) !== null;
}

async function findMatrixFile(nameOrFile: string, plan: Plan, cwd: string): Promise<string> {
  const asPath = path.resolve(cwd, nameOrFile);
  if (MATRIX_FILE.test(nameOrFile) || (await exists(asPath)) === 'file') {
    if ((await exists(asPath)) === 'file') return asPath;
    throw new UsageError(
      `no matrix file ${nameOrFile}`,
      'pass a matrix name from matrices/ or a path to a file',
    );
  }
  for (const ext of ['.yaml', '.yml']) {
    const candidate = path.join(plan.matricesDir, `${nameOrFile}${ext}`);
    if ((await exists(candidate)) === 'file') return candidate;
  }
  const known = (await readdir(plan.matricesDir).catch(() => []))
    .filter((n) => MATRIX_FILE.test(n))
    .map((n) => n.replace(MATRIX_FILE, ''));
  const near = closestWord(nameOrFile, known);
  throw new UsageError(
    `no matrix "${nameOrFile}" in ${path.relative(cwd, plan.matricesDir) || '.'}`,
    known.length
      ? `${near ? `did you mean "${near}"? ` : ''}matrices here: ${known.join(', ')}`
      : `create ${path.join(path.relative(cwd, plan.matricesDir) || '.', `${nameOrFile}.yaml`)} (copy the preset in matrices/)`,
  );
}

export async function loadMatrix(nameOrFile: string, plan: Plan, cwd = process.cwd()): Promise<MatrixSpec> {
  const absolute = await findMatrixFile(nameOrFile, plan, cwd);
  const display = path.relative(cwd, absolute).startsWith('..') ? absolute : path.relative(cwd, absolute);
  const file = await YamlFile.read(absolute, display);
  const syntax = file.syntaxIssues();
  if (syntax.length) throw new ConfigError(syntax);
  const reader = new NodeReader(file);
  const entries = reader.entries(file.root, 'a matrix file');
  if (!entries) throw new ConfigError(reader.issues);
  reader.rejectUnknownKeys(entries, MATRIX_KEYS, 'a matrix file');
  const field = (key: string): YamlNode | null | undefined => entries.find((e) => e.key === key)?.value;
  const phaseNames = plan.phases.map((p) => p.name);
  const checkPhase = (node: YamlNode | null, name: string): void => {
    if (phaseNames.includes(name)) return;
    const near = closestWord(name, phaseNames);
    reader.report(
      node,
      `no phase "${name}" in ${plan.name}; expected one of ${phaseNames.join(', ')}`,
      near ? `did you mean "${near}"?` : 'name a phase of the project',
    );
  };
  const checkRuntime = (node: YamlNode | null, text: string): void => {
    const parsed = parseRuntime(text);
    if (!parsed.ok) {
      const [language, range] = text.split('@');
      if (language === plan.stack && range && validVersionRange(range)) return;
      reader.report(node, parsed.reason);
    } else if (parsed.runtime.language !== plan.stack) {
      reader.report(
        node,
        `runtime ${text} does not fit this ${plan.stack} project`,
        `use ${plan.stack}@VERSION`,
      );
    }
  };

  const name =
    field('name') === undefined
      ? path.basename(absolute).replace(MATRIX_FILE, '')
      : reader.string(field('name')!, 'name');

  const runtimes: {
    language: StackName;
    specs: { text: string; position: ReturnType<NodeReader['at']> }[];
  }[] = [];
  const runtimesNode = field('runtimes');
  if (runtimesNode === undefined) {
    reader.report(
      file.root,
      'a matrix needs "runtimes"',
      `add \`runtimes: { ${plan.stack}: ["${plan.defaultRuntime.version}"] }\``,
    );
  } else {
    for (const entry of reader.entries(runtimesNode, 'runtimes') ?? []) {
      if (!(STACK_NAMES as readonly string[]).includes(entry.key)) {
        reader.report(
          entry.keyNode,
          `unknown language "${entry.key}" in runtimes; expected one of ${STACK_NAMES.join(', ')}`,
        );
        continue;
      }
      if (entry.key !== plan.stack) {
        reader.report(
          entry.keyNode,
          `runtimes.${entry.key} does not fit this ${plan.stack} project`,
          `list ${plan.stack} versions instead`,
        );
        continue;
      }
      const items: YamlNode[] = isSeq(entry.value)
        ? (entry.value.items as YamlNode[])
        : [entry.value as YamlNode];
      const specs = [];
      for (const item of items) {
        const text = reader.string(item, `a ${entry.key} version`);
        if (text === undefined) continue;
        if (!validVersionRange(text)) {
          reader.report(
            item,
            `"${text}" is neither a version nor a semver range`,
            'write a version like "3.13" or a range like ">=3.11 <3.15"',
          );
          continue;
        }
        specs.push({ text, position: reader.at(item) });
      }
      runtimes.push({ language: entry.key as StackName, specs });
    }
  }

  let phases: MatrixSpec['phases'] = 'all';
  const phasesNode = field('phases');
  if (phasesNode !== undefined && !(isScalar(phasesNode) && phasesNode.value === 'all')) {
    const list: { name: string; position: ReturnType<NodeReader['at']> }[] = [];
    for (const item of isSeq(phasesNode) ? (phasesNode.items as YamlNode[]) : [phasesNode]) {
      const value = reader.string(item, 'each phase');
      if (value === undefined) continue;
      checkPhase(item, value);
      list.push({ name: value, position: reader.at(item) });
    }
    phases = list;
  }

  const cellList = (
    key: 'include' | 'exclude',
  ): { runtime?: string; phase?: string; position: ReturnType<NodeReader['at']> }[] => {
    const node = field(key);
    if (node === undefined) return [];
    if (!isSeq(node)) {
      reader.report(
        node,
        `${key} must be a list of { runtime, phase }`,
        `write it as [{ runtime: ${plan.stack}@${plan.defaultRuntime.version}, phase: ${phaseNames[0]} }]`,
      );
      return [];
    }
    const out = [];
    for (const item of node.items as YamlNode[]) {
      const itemEntries = reader.entries(item, `each entry of ${key}`) ?? [];
      reader.rejectUnknownKeys(itemEntries, ['runtime', 'phase'], `an entry of ${key}`);
      const runtimeNode = itemEntries.find((e) => e.key === 'runtime')?.value;
      const phaseNode = itemEntries.find((e) => e.key === 'phase')?.value;
      const runtime = runtimeNode === undefined ? undefined : reader.string(runtimeNode, 'runtime');
      const phase = phaseNode === undefined ? undefined : reader.string(phaseNode, 'phase');
      if (runtime !== undefined) checkRuntime(runtimeNode!, runtime);
      if (phase !== undefined) checkPhase(phaseNode!, phase);
      if (key === 'include' && runtime === undefined) reader.report(item, 'an include entry needs a runtime');
      if (runtime === undefined && phase === undefined) continue;
      out.push({ ...(runtime ? { runtime } : {}), ...(phase ? { phase } : {}), position: reader.at(item) });
    }
    return out;
  };
  const include = cellList('include') as MatrixSpec['include'];
  const exclude = cellList('exclude');

  const concurrency =
    field('concurrency') === undefined
      ? 1
      : reader.integer(field('concurrency')!, 'concurrency', { min: 1, max: 16 });
  let mode: MatrixSpec['mode'] = 'bisect';
  const modeNode = field('mode');
  if (modeNode !== undefined) {
    const value = reader.string(modeNode, 'mode');
    if (value !== undefined && !(MODES as readonly string[]).includes(value)) {
      reader.report(
        modeNode,
        `mode "${value}" is not one of ${MODES.join(', ')}`,
        'bisect finds the first failing layer per runtime; full runs every cell',
      );
    } else if (value !== undefined) mode = value as MatrixSpec['mode'];
  }
  let failFast = false;
  const failFastNode = field('fail_fast');
  if (failFastNode !== undefined) {
    if (isScalar(failFastNode) && typeof failFastNode.value === 'boolean') failFast = failFastNode.value;
    else
      reader.report(failFastNode, `fail_fast must be true or false, found ${reader.describe(failFastNode)}`);
  }
  if (reader.issues.length) throw new ConfigError(reader.issues);
  return {
    name: name!,
    file: display,
    runtimes,
    phases,
    include,
    exclude,
    concurrency: concurrency!,
    mode,
    failFast,
  };
}
