// A small Mustache-like renderer for the files in templates/: {{name}}, {{#list}}...{{/list}}, {{^list}}...{{/list}}.
// Nothing is escaped: callers quote values for the language of the template (Dockerfile, shell, Markdown).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export type TemplateValue =
  string | number | boolean | undefined | null | TemplateData | readonly TemplateValue[];
export interface TemplateData {
  readonly [key: string]: TemplateValue;
}

type Node =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'variable'; readonly name: string }
  | {
      readonly type: 'section';
      readonly name: string;
      readonly inverted: boolean;
      readonly children: Node[];
    };

/** A tag alone on its line (a section marker) takes its line break with it, so blocks leave no blank lines. */
const TAG = /\{\{\s*([#^/]?)\s*([\w.]+)\s*\}\}/g;

function parse(template: string): Node[] {
  const root: Node[] = [];
  const open: { name: string; children: Node[] }[] = [{ name: '', children: root }];
  let last = 0;
  for (const match of template.matchAll(TAG)) {
    const [tag, sigil, name] = match as unknown as [string, string, string];
    let start = match.index;
    let end = start + tag.length;
    const lineStart = template.lastIndexOf('\n', start - 1) + 1;
    const standalone =
      sigil !== '' && template.slice(lineStart, start).trim() === '' && template[end] === '\n';
    if (standalone) {
      start = lineStart;
      end += 1;
    }
    const current = open[open.length - 1]!;
    if (start > last) current.children.push({ type: 'text', text: template.slice(last, start) });
    last = end;
    if (sigil === '') current.children.push({ type: 'variable', name });
    else if (sigil === '/') {
      if (current.name !== name) throw new Error(`template closes "${name}" but "${current.name}" is open`);
      open.pop();
    } else {
      const section: Node = { type: 'section', name, inverted: sigil === '^', children: [] };
      current.children.push(section);
      open.push({ name, children: section.children });
    }
  }
  if (open.length > 1) throw new Error(`template leaves "${open[open.length - 1]!.name}" open`);
  if (last < template.length) root.push({ type: 'text', text: template.slice(last) });
  return root;
}

function lookup(stack: readonly TemplateValue[], name: string): TemplateValue {
  if (name === '.') return stack[stack.length - 1];
  for (let i = stack.length - 1; i >= 0; i--) {
    const scope = stack[i];
    if (scope && typeof scope === 'object' && !Array.isArray(scope) && name in scope) {
      return (scope as TemplateData)[name];
    }
  }
  return undefined;
}

function isEmpty(value: TemplateValue): boolean {
  return !value || (Array.isArray(value) && value.length === 0);
}

function render(nodes: readonly Node[], stack: readonly TemplateValue[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'variable') {
      const value = lookup(stack, node.name);
      if (value === undefined || value === null)
        throw new Error(`template variable "${node.name}" has no value`);
      out += String(value);
    } else {
      const value = lookup(stack, node.name);
      if (node.inverted) {
        if (isEmpty(value)) out += render(node.children, stack);
      } else if (!isEmpty(value)) {
        const items = Array.isArray(value) ? (value as readonly TemplateValue[]) : [value];
        for (const item of items) out += render(node.children, [...stack, item]);
      }
    }
  }
  return out;
}

export function renderTemplate(template: string, data: TemplateData): string {
  return render(parse(template), [data]);
}

/** The repository's templates/ directory, wherever the package is installed. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

const cache = new Map<string, string>();

export async function loadTemplate(name: string): Promise<string> {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const text = await readFile(new URL(name, new URL('../../templates/', import.meta.url)), 'utf8');
  cache.set(name, text);
  return text;
}

/** The same, for pure steps that render recipes: templates ship with the package and never change. */
export function loadTemplateSync(name: string): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const text = readFileSync(new URL(name, new URL('../../templates/', import.meta.url)), 'utf8');
  cache.set(name, text);
  return text;
}
