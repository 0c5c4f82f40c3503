// readAptPolicy over captured `apt-cache policy` output: a package the suite has, one it lacks, a virtual
// one, and an image without package lists.
import { describe, expect, it } from 'vitest';
import { readAptPolicy } from '../../../src/engine/apt-policy.js';
import { loadEvidence } from '../diagnose/load-evidence.js';

describe('readAptPolicy', () => {
  it('says a package with an installation candidate exists', () => {
    expect(readAptPolicy(loadEvidence('apt-cache-policy-exists'), 'python3-jwt')).toBe('exists');
  });

  it('says a name the suite does not know is missing', () => {
    expect(readAptPolicy(loadEvidence('apt-cache-policy-missing'), 'python3-langchain-openai')).toBe(
      'missing',
    );
    expect(readAptPolicy(loadEvidence('apt-cache-policy-bookworm-missing'), 'python3-openai')).toBe(
      'missing',
    );
  });

  it('says a virtual package nothing provides is missing', () => {
    expect(readAptPolicy(loadEvidence('apt-cache-policy-virtual'), 'libmysqlclient-dev')).toBe('missing');
  });

  it('cannot tell without package lists', () => {
    expect(readAptPolicy(loadEvidence('apt-cache-policy-no-lists'), 'python3-jwt')).toBe('unknown');
  });

  it('reads only the block of the package asked about', () => {
    expect(readAptPolicy(loadEvidence('apt-cache-policy-exists'), 'python3-backend')).toBe('missing');
  });
});
