// Colour codes leave program output before anything reads it: whole texts, and streams cut mid-escape.
import { describe, expect, it } from 'vitest';
import { LogBuffer } from '../../../src/drivers/log-buffer.js';
import { AnsiStripper, stripAnsi } from '../../../src/text/strip-ansi.js';
import { loadEvidence } from '../diagnose/load-evidence.js';

describe('stripAnsi', () => {
  it("removes the classic builder's colour codes and keeps every word", () => {
    const raw = loadEvidence('apt-version-not-found');
    expect(raw).toContain('\u001b[91m');
    const plain = stripAnsi(raw);
    expect(plain).not.toContain('\u001b');
    expect(plain).toContain("E: Version '0.110.0-1' for 'python3-fastapi' was not found");
  });

  it('removes cursor movement, window titles and bold, and leaves plain text untouched', () => {
    expect(stripAnsi('\u001b[1mbold\u001b[22m \u001b[2K\u001b[1Gline \u001b]0;title\u0007done')).toBe(
      'bold line done',
    );
    expect(stripAnsi('plain [91m text')).toBe('plain [91m text');
  });
});

describe('AnsiStripper', () => {
  it('completes an escape sequence that a chunk boundary cut in two', () => {
    const stripper = new AnsiStripper();
    const chunks = ['\u001b[31mMissing\u001b', '[0m \u001b[3', '3mAPI_KEY\u001b[39m\n'];
    expect(chunks.map((c) => stripper.push(c)).join('')).toBe('Missing API_KEY\n');
  });

  it('does not hold back a long text that merely contains a stray escape', () => {
    const stripper = new AnsiStripper();
    const text = `\u001b]${'x'.repeat(300)}`;
    expect(stripper.push(text)).toBe('x'.repeat(300));
  });
});

describe('LogBuffer', () => {
  it('keeps what a container printed as plain text, for checks, tails and diagnoses alike', () => {
    const logs = new LogBuffer();
    logs.append('\u001b[33mwarn\u001b[39m: starting\n\u001b[3');
    logs.append('1mError\u001b[39m: boom\n');
    expect(logs.text()).toBe('warn: starting\nError: boom\n');
    expect(logs.tail(1)).toEqual(['Error: boom']);
  });
});
