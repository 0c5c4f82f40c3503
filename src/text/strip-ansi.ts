// Removes terminal colour and cursor codes from program output, so logs read (and match) as plain text.
// Docker's classic builder colours every stderr chunk, and libraries like envalid colour their errors;
// the words stay verbatim.

// CSI sequences (ESC [ ... final byte, or the one-byte CSI 0x9b), OSC strings (ESC ] ... BEL or ESC \),
// and the two-byte escapes (ESC followed by one of @-Z, \, ], ^, _).
const ANSI =
  // eslint-disable-next-line no-control-regex
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// An escape cut off at the end of a chunk: its rest arrives with the next chunk.
// eslint-disable-next-line no-control-regex
const UNFINISHED = /(?:\u001b(?:\[[0-?]*[ -/]*)?|\u009b[0-?]*[ -/]*|\u001b\][^\u0007\u001b]*)$/;

const MAX_HELD = 256;

export function stripAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? text.replace(ANSI, '') : text;
}

/**
 * Strips a stream chunk by chunk: returns the plain text of `chunk`, holding back an escape sequence the
 * chunk ends in the middle of until the next call completes it.
 */
export class AnsiStripper {
  private held = '';

  push(chunk: string): string {
    const text = this.held + chunk;
    // Only a short tail can be an escape in progress; a long one is text with a stray ESC in it.
    const found = UNFINISHED.exec(text);
    const unfinished = found && found[0].length <= MAX_HELD ? found : null;
    this.held = unfinished ? unfinished[0] : '';
    return stripAnsi(unfinished ? text.slice(0, unfinished.index) : text);
  }
}
