// Parses one YAML file and keeps what is needed to point at any node in it: the only importer of yaml.
import { readFile } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigIssue } from '../errors.js';
import type { SourcePosition } from '../model.js';

export type YamlNode = Node;
export { isMap, isPair, isScalar, isSeq };

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
}
