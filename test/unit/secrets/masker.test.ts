// Masker: secret values in every form they take, credentials in any URL, and plain data masked deeply.
import { describe, expect, it } from 'vitest';
import { MASK, Masker } from '../../../src/secrets/masker.js';

function masker(...secrets: (string | undefined)[]): Masker {
  const m = new Masker();
  for (const s of secrets) m.add(s);
  return m;
}

describe('Masker', () => {
  it('masks every occurrence of a registered value', () => {
    expect(masker('s3cr3t-value').mask('a=s3cr3t-value b=s3cr3t-value')).toBe(`a=${MASK} b=${MASK}`);
  });

  it('masks the URL-encoded form a value takes in a connection string', () => {
    const m = masker('p@ss/word:1');
    expect(m.mask('postgresql://app:p%40ss%2Fword%3A1@db:5432/app?x=1')).toBe(
      `postgresql://app:${MASK}@db:5432/app?x=1`,
    );
    expect(m.mask('token p%40ss%2Fword%3A1 end')).toBe(`token ${MASK} end`);
  });

  it('masks the escaped form a value takes inside JSON', () => {
    const m = masker('quote"back\\slash');
    expect(m.mask(JSON.stringify({ key: 'quote"back\\slash' }))).toBe(`{"key":"${MASK}"}`);
  });

  it('masks the password of any URL, registered or not', () => {
    const m = masker();
    expect(m.mask('redis://default:hunter2@cache:6379/0 and amqp://guest:guest@mq//')).toBe(
      `redis://default:${MASK}@cache:6379/0 and amqp://guest:${MASK}@mq//`,
    );
    expect(m.mask('https://example.com/path and http://user@host/')).toBe(
      'https://example.com/path and http://user@host/',
    );
  });

  it('masks the longest value first, so a secret containing another is masked whole', () => {
    const m = masker('abcd', 'abcdefgh-long');
    expect(m.mask('x abcdefgh-long y abcd')).toBe(`x ${MASK} y ${MASK}`);
  });

  it('ignores empty, missing and very short values, which would mask ordinary words', () => {
    const m = masker('', undefined, 'on');
    expect(m.mask('on and on')).toBe('on and on');
  });

  it('masks a deep copy of plain data, leaving the original and non-strings as they were', () => {
    const data = {
      status: 'fail',
      code: 1,
      ok: false,
      none: null,
      lines: ['key=tok-123456', 'fine'],
      nested: { msg: 'tok-123456!' },
    };
    const masked = masker('tok-123456').maskData(data);
    expect(masked).toEqual({
      status: 'fail',
      code: 1,
      ok: false,
      none: null,
      lines: [`key=${MASK}`, 'fine'],
      nested: { msg: `${MASK}!` },
    });
    expect(data.lines[0]).toBe('key=tok-123456');
    expect(masked).not.toBe(data);
  });
});
