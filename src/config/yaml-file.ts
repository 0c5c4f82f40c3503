// Parses a YAML file keeping every node's position, and finds the node (or key) at a path in it: the
// only importer of yaml.
import { readFile } from 'node:fs/promises';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  stringify,
  type Document,
  type Node,
  type Pair,
} from 'yaml';
import type { ConfigIssue } from '../errors.js';
import type { SourcePosition } from '../model.js';

export type YamlNode = Node;
export { isMap, isPair, isScalar, isSeq };

/** A path into a document, as JSON Pointer and Ajv's instancePath name it: keys and list indexes. */
export type DataPath = readonly (string | number)[];

/** A value on one line, in the style of our presets: `8000`, `[a, b]`, `{ tcp: 5672 }`. */
export function yamlInline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlInline).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${yamlInline(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  // Inside a flow collection, these would end the value or start a comment.
  if (typeof value === 'string' && /[,[\]{}#]|: /.test(value)) return JSON.stringify(value);
  return stringify(value, { lineWidth: 0 }).trim();
}

/** A value as YAML writes it in a file, in block style. */
export function yamlBlock(value: unknown): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** A parsed file: its tree, its syntax errors, and positions of nodes as the user sees them. */
export class YamlFile {
  private constructor(
    /** The path as it is shown to the user. */
    readonly displayPath: string,
    readonly document: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  static parse(displayPath: string, text: string): YamlFile {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    return new YamlFile(displayPath, document, lines);
  }

  static async read(absolutePath: string, displayPath: string): Promise<YamlFile> {
    return YamlFile.parse(displayPath, await readFile(absolutePath, 'utf8'));
  }

  get root(): YamlNode | null {
    return this.document.contents as YamlNode | null;
  }

  /** The file as plain data (what the schema validates); null for an empty file. */
  data(): unknown {
    return this.document.toJS();
  }

  /** Syntax errors, each at its own position. */
  syntaxIssues(): ConfigIssue[] {
    return this.document.errors.map((error) => {
      const at = this.lines.linePos(error.pos[0]);
      return {
        file: this.displayPath,
        line: Math.max(at.line, 1),
        column: Math.max(at.col, 1),
        message: `YAML syntax error: ${error.message.split('\n')[0]}`,
        fix: 'correct the YAML syntax at this position (indentation, quotes, a missing colon)',
      };
    });
  }

  positionOf(node: YamlNode | null | undefined): SourcePosition {
    const offset = node?.range?.[0] ?? 0;
    const at = this.lines.linePos(offset);
    return { file: this.displayPath, line: Math.max(at.line, 1), column: Math.max(at.col, 1) };
  }

  /** The value node at `path` and the key node naming it (none for list items and the root). */
  private find(path: DataPath): { value?: YamlNode | null; key?: YamlNode } {
    let value: YamlNode | null | undefined = this.root;
    let key: YamlNode | undefined;
    for (const segment of path) {
      if (value && isAlias(value)) value = value.resolve(this.document) as YamlNode | undefined;
      if (isMap(value)) {
        const pair: Pair | undefined = value.items.find(
          (p) => isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) return {};
        key = pair.key as YamlNode;
        value = (pair.value as YamlNode | null) ?? null;
      } else if (isSeq(value)) {
        key = undefined;
        value = value.items[Number(segment)] as YamlNode | undefined;
        if (value === undefined) return {};
      } else {
        return {};
      }
    }
    return { value, key };
  }

  /**
   * Where the value at `path` is written; for a key with nothing after its colon, the key. A path that
   * goes further than the file does points at the deepest node it reaches.
   */
  valuePosition(path: DataPath): SourcePosition {
    for (let depth = path.length; depth >= 0; depth--) {
      const { value, key } = this.find(path.slice(0, depth));
      const empty =
        !value || (isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1]);
      if (!empty) return this.positionOf(value);
      if (key) return this.positionOf(key);
    }
    return this.positionOf(null);
  }

  /** Where the key that names the value at `path` is written; a list item or the root has none. */
  keyPosition(path: DataPath): SourcePosition {
    const { key } = this.find(path);
    return key ? this.positionOf(key) : this.valuePosition(path);
  }
}
