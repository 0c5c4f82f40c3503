// A Debian package a remedy proposes is printed only once the image says the suite has it.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import { settleAptCheck } from '../../../src/diagnose/remedy-packages.js';
import { loadEvidence } from './load-evidence.js';
import { makeInput } from './make-input.js';

const exit = { code: 1, oomKilled: false };

describe('package remedies', () => {
  const jwt = diagnose(makeInput({ appLog: loadEvidence('python-module-not-found'), exit }));
  const langchain = diagnose(makeInput({ appLog: loadEvidence('python-module-not-in-debian'), exit }));

  it('propose the Debian and the pip package, the Debian one unchecked until the engine asks', () => {
    expect(jwt.packages).toEqual({
      apt: 'python3-jwt',
      aptCheck: 'unchecked',
      pip: 'PyJWT',
      remedyWithoutApt: "Add `PyJWT` under `pip:` in phase 'auth' (phases/40-auth.yaml).",
    });
    expect(jwt.remedy).toBe(
      "Add `python3-jwt` under `apt:` in phase 'auth' (phases/40-auth.yaml), or `PyJWT` under `pip:`.",
    );
  });

  it('keep the Debian package when the suite has it', () => {
    const settled = settleAptCheck(jwt, 'exists');
    expect(settled.remedy).toBe(jwt.remedy);
    expect(settled.packages).toEqual({ apt: 'python3-jwt', aptCheck: 'exists', pip: 'PyJWT' });
  });

  it('name the pip package only when the suite lacks the Debian one', () => {
    const settled = settleAptCheck(langchain, 'missing');
    expect(settled.subject).toBe('langchain_openai');
    expect(settled.remedy).toBe(
      "Add `langchain_openai` under `pip:` in phase 'auth' (phases/40-auth.yaml). This runtime's Debian release has no package `python3-langchain-openai`.",
    );
    expect(settled.remedy).not.toMatch(/under `apt:`/);
    expect(settled.remedy).not.toContain('python3-langchain-openai` under');
    expect(settled.packages).toEqual({
      apt: 'python3-langchain-openai',
      aptCheck: 'missing',
      pip: 'langchain_openai',
    });
  });

  it('say they are unsure when the image cannot tell', () => {
    const settled = settleAptCheck(jwt, 'unknown');
    expect(settled.remedy).toBe(
      "Add `PyJWT` under `pip:` in phase 'auth' (phases/40-auth.yaml). Debian may package it as `python3-jwt`, but the image could not tell (it has no package lists).",
    );
    expect(settled.packages?.aptCheck).toBe('unknown');
  });

  it('leave a settled diagnosis alone', () => {
    const settled = settleAptCheck(jwt, 'exists');
    expect(settleAptCheck(settled, 'missing')).toBe(settled);
  });
});
