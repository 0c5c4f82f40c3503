// Pointing at the exact spot a JSON file stops being JSON, where Node 20's JSON.parse says nothing.
import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../../src/text/locate-json-error.js';

/** The offset Node's own message names, when it names one. */
function nodePosition(text: string): number | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const at = /at position (\d+)/.exec((error as Error).message)?.[1];
    return at === undefined ? undefined : Number(at);
  }
}

function offsetOf(text: string, line: number, column: number): number {
  return (
    text
      .split('\n')
      .slice(0, line - 1)
      .reduce((sum, l) => sum + l.length + 1, 0) +
    column -
    1
  );
}

describe('locateJsonError', () => {
  it('says nothing about valid JSON, with or without a byte order mark', () => {
    expect(locateJsonError('{"a": [1, -2.5e3, true, null, "x\\n\\u00e9"]}')).toBeUndefined();
    expect(locateJsonError('\uFEFF{}')).toBeUndefined();
  });

  it.each([
    [
      'a missing comma between properties',
      '{\n  "name": "x",\n  "dependencies": {\n    "ms": "^2"\n    "x": "1"\n  }\n}',
    ],
    ['a trailing comma', '{\n  "a": 1,\n}'],
    ['a missing colon', '{"a" 1}'],
    ['a control character in a string', '{"a": "b\tc"}'],
  ])('agrees with Node on %s', (_what, text) => {
    const found = locateJsonError(text)!;
    expect(offsetOf(text, found.line, found.column)).toBe(nodePosition(text));
  });

  it('points at an unexpected token Node 20 gives no position for', () => {
    expect(locateJsonError('{\n  "main": index.js\n}')).toEqual({
      line: 2,
      column: 11,
      expected: 'a value (a string, number, object, array, true, false or null)',
      found: "'i'",
    });
  });

  it('reports a file cut short at its end', () => {
    expect(locateJsonError('{\n  "a": [1, 2')).toEqual({
      line: 2,
      column: 13,
      expected: "',' or ']'",
      found: 'the end of the file',
    });
    expect(locateJsonError('')).toMatchObject({ line: 1, column: 1, found: 'the end of the file' });
  });

  it('names text after the value', () => {
    expect(locateJsonError('{}\n{}')).toMatchObject({ line: 2, column: 1, expected: 'the end of the file' });
  });
});
