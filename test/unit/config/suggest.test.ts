// Did-you-mean: a Damerau-Levenshtein distance, so a swap of two neighbouring letters is one typo.
import { describe, expect, it } from 'vitest';
import { closestWord, editDistance } from '../../../src/config/suggest.js';

describe('editDistance', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('prot', 'port')).toBe(1);
    expect(editDistance('htpp', 'http')).toBe(1);
    expect(editDistance('sevrices', 'services')).toBe(1);
  });

  it('counts insertions, deletions and substitutions as one edit each', () => {
    expect(editDistance('envv', 'env')).toBe(1);
    expect(editDistance('ap', 'apt')).toBe(1);
    expect(editDistance('stack', 'stick')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('does not let a swap stand in for letters that were not swapped', () => {
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('abcdef', 'badcfe')).toBe(3);
  });
});

describe('closestWord', () => {
  it('suggests the transposed key a plain Levenshtein distance would miss', () => {
    expect(closestWord('prot', ['name', 'stack', 'port', 'start'])).toBe('port');
  });

  it('ignores case, and suggests nothing when no word is close', () => {
    expect(closestWord('IMAGES', ['images', 'registry'])).toBe('images');
    expect(closestWord('database', ['http', 'log', 'exec'])).toBeUndefined();
  });
});
