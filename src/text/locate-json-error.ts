// Finds where a JSON text stops being JSON, as line and column, and what was expected there. JSON.parse
// says where only sometimes (Node 20: "at position N" for some errors, nothing for an unexpected token),
// so a user's malformed package.json is scanned again to point at the exact spot.

export interface JsonSyntaxError {
  /** 1-based line and column of the offending character (or of the end of the text). */
  readonly line: number;
  readonly column: number;
  /** What the grammar allows there, e.g. `',' or '}'`. */
  readonly expected: string;
  /** What is there instead, e.g. `'"'` or `the end of the file`. */
  readonly found: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {}
}

class Scanner {
  private at = 0;
  constructor(private readonly text: string) {
    if (text.startsWith('\uFEFF')) this.at = 1;
  }

  document(): void {
    this.value();
    this.space();
    if (this.at < this.text.length) this.fail('the end of the file');
  }

  private fail(expected: string, offset = this.at): never {
    throw new Stop(offset, expected);
  }

  private space(): void {
    while (/[ \t\n\r]/.test(this.text[this.at] ?? '')) this.at++;
  }

  private expect(char: string): void {
    if (this.text[this.at] !== char) this.fail(`'${char}'`);
    this.at++;
  }

  private value(): void {
    this.space();
    const char = this.text[this.at] ?? '';
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || /\d/.test(char)) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return;
      }
    }
    this.fail('a value (a string, number, object, array, true, false or null)');
  }

  /** `{...}` or `[...]`: items separated by commas up to `close`, the opening bracket already seen. */
  private sequence(close: string, item: () => void): void {
    this.at++;
    this.space();
    if (this.text[this.at] === close) {
      this.at++;
      return;
    }
    for (;;) {
      item();
      this.space();
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] === close) return void this.at++;
      else this.fail(`',' or '${close}'`);
    }
  }

  private object(): void {
    this.sequence('}', () => {
      this.space();
      if (this.text[this.at] !== '"') this.fail('a property name in double quotes');
      this.string();
      this.space();
      this.expect(':');
      this.value();
    });
  }

  private array(): void {
    this.sequence(']', () => this.value());
  }

  private string(): void {
    this.at++;
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined) this.fail("a closing '\"'");
      if (char === '"') return void this.at++;
      if (char < ' ') this.fail('no control character inside a string (write it as an escape, e.g. \\n)');
      if (char === '\\') {
        const next = this.text[this.at + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) {
            this.fail('four hex digits after \\u', this.at + 2);
          }
          this.at += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(next) || next === '') this.fail('a valid escape', this.at + 1);
        this.at += 2;
        continue;
      }
      this.at++;
    }
  }

  private number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at));
    if (!match || match[0] === '-') this.fail('a number');
    this.at += match[0].length;
  }
}

function describeFound(text: string, offset: number): string {
  const char = text[offset];
  if (char === undefined) return 'the end of the file';
  if (char === '\n' || char === '\r') return 'the end of the line';
  // A control character is shown escaped (`\t`), anything else as itself.
  return char < ' ' ? JSON.stringify(char) : `'${char}'`;
}

/** Where `text` stops being valid JSON, or undefined when it is valid. */
export function locateJsonError(text: string): JsonSyntaxError | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column, expected: error.expected, found: describeFound(text, error.offset) };
  }
}
