// Typed reads of YAML nodes that collect every problem with its position instead of stopping at the first.
import type { ConfigIssue } from '../errors.js';
import type { SourcePosition } from '../model.js';
import { closestWord } from './suggest.js';
import { isMap, isScalar, isSeq, type YamlFile, type YamlNode } from './yaml-file.js';

export interface Entry {
  readonly key: string;
  readonly keyNode: YamlNode;
  readonly value: YamlNode | null;
}

function describe(node: YamlNode | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'nothing';
    if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
    return `${typeof value} ${String(value)}`;
  }
  return 'an unexpected value';
}

export class NodeReader {
  readonly issues: ConfigIssue[] = [];

  constructor(readonly file: YamlFile) {}

  at(node: YamlNode | null | undefined): SourcePosition {
    return this.file.positionOf(node);
  }

  report(node: YamlNode | null | undefined, message: string, fix?: string): void {
    const at = this.at(node);
    this.issues.push({ file: at.file, line: at.line, column: at.column, message, ...(fix ? { fix } : {}) });
  }

  /** The entries of a mapping, or undefined (reported) when the node is not one. */
  entries(node: YamlNode | null, what: string): Entry[] | undefined {
    if (!isMap(node)) {
      this.report(node, `${what} must be a mapping of keys to values, found ${describe(node)}`);
      return undefined;
    }
    const result: Entry[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode;
      if (!isScalar(keyNode) || typeof keyNode.value !== 'string') {
        this.report(keyNode, `keys in ${what} must be plain words, found ${describe(keyNode)}`);
        continue;
      }
      result.push({ key: keyNode.value, keyNode, value: (pair.value as YamlNode | null) ?? null });
    }
    return result;
  }

  /** Reports keys that are not in `allowed`, suggesting the closest known key. */
  rejectUnknownKeys(entries: readonly Entry[], allowed: readonly string[], what: string): void {
    for (const entry of entries) {
      if (allowed.includes(entry.key)) continue;
      const near = closestWord(entry.key, allowed);
      this.report(
        entry.keyNode,
        `unknown key "${entry.key}" in ${what}; expected one of ${allowed.join(', ')}`,
        near ? `did you mean "${near}"?` : `remove "${entry.key}" or move it where it belongs`,
      );
    }
  }

  string(node: YamlNode | null, what: string, fix?: string): string | undefined {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value))
      return String(node.value);
    this.report(node, `${what} must be a non-empty text, found ${describe(node)}`, fix);
    return undefined;
  }

  integer(node: YamlNode | null, what: string, range: { min: number; max: number }): number | undefined {
    const value = isScalar(node) ? node.value : undefined;
    const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
    if (
      typeof number === 'number' &&
      Number.isInteger(number) &&
      number >= range.min &&
      number <= range.max
    ) {
      return number;
    }
    this.report(
      node,
      `${what} must be a whole number from ${range.min} to ${range.max}, found ${describe(node)}`,
    );
    return undefined;
  }

  port(node: YamlNode | null, what: string): number | undefined {
    return this.integer(node, what, { min: 1, max: 65535 });
  }

  /** A list of texts; a single text is taken as a list of one. */
  stringList(node: YamlNode | null, what: string): string[] | undefined {
    if (isScalar(node) && typeof node.value === 'string') return [node.value];
    if (!isSeq(node)) {
      this.report(node, `${what} must be a list of texts, found ${describe(node)}`, `write it as [a, b]`);
      return undefined;
    }
    const result: string[] = [];
    for (const item of node.items as YamlNode[]) {
      const value = this.string(item, `each entry of ${what}`);
      if (value !== undefined) result.push(value);
    }
    return result;
  }

  /** A mapping of names to texts; numbers and booleans are taken as their text, as a shell would. */
  stringMap(
    node: YamlNode | null,
    what: string,
  ): { values: Record<string, string>; nodes: Map<string, YamlNode> } {
    const values: Record<string, string> = {};
    const nodes = new Map<string, YamlNode>();
    for (const entry of this.entries(node, what) ?? []) {
      const value = isScalar(entry.value) ? entry.value.value : undefined;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        values[entry.key] = String(value);
        nodes.set(entry.key, entry.value!);
      } else {
        this.report(
          entry.value ?? entry.keyNode,
          `${what}: "${entry.key}" must be a text, found ${describe(entry.value)}`,
        );
      }
    }
    return { values, nodes };
  }

  describe(node: YamlNode | null): string {
    return describe(node);
  }
}
