// Status marks for terminals that can draw them, and plain words for those that cannot.

const unicode = process.platform !== 'win32' || Boolean(process.env.WT_SESSION);

export const MARK = unicode
  ? { pass: '✔', fail: '✖', skip: '↓', error: '!', warning: '⚠', arrow: '→' }
  : { pass: 'ok', fail: 'FAIL', skip: '-', error: '!', warning: '!', arrow: '->' };
