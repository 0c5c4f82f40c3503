// handleError: the exit code of each kind of error, what the user reads, and the --json error document.
import { describe, expect, it } from 'vitest';
import { handleError } from '../../../src/cli/handle-error.js';
import { ConfigError, InfraError, InterruptedError, UsageError } from '../../../src/errors.js';

function handle(error: unknown, json = false) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = handleError(error, { json, stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) });
  return {
    code,
    stderr: stderr.join('\n'),
    stdout: stdout.join('\n'),
    document: json ? (JSON.parse(stdout.join('')) as { error: Record<string, unknown> }) : undefined,
  };
}

const typo = new ConfigError([
  {
    file: 'phases/20-redis.yaml',
    line: 4,
    column: 5,
    message: 'unknown check kind "htpp"; expected one of http, log, exec, import, exit, tcp',
    fix: 'did you mean "http"?',
  },
]);

describe('handleError', () => {
  it('exits 2 on a config error and prints every issue with its position, without a stack trace', () => {
    const { code, stderr, stdout } = handle(typo);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'stagebisect: configuration has 1 problem:\n  phases/20-redis.yaml:4:5: unknown check kind "htpp"; expected one of http, log, exec, import, exit, tcp. Fix: did you mean "http"?',
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it('writes a config error as a JSON document with each issue and its printed text', () => {
    const { code, document } = handle(typo, true);
    expect(code).toBe(2);
    expect(document).toEqual({
      error: {
        kind: 'config',
        exitCode: 2,
        message: typo.message,
        issues: [
          {
            ...typo.issues[0],
            text: 'phases/20-redis.yaml:4:5: unknown check kind "htpp"; expected one of http, log, exec, import, exit, tcp. Fix: did you mean "http"?',
          },
        ],
      },
    });
  });

  it('exits 2 on a usage error, with its remedy', () => {
    const error = new UsageError('no phase named "cache"', 'phases are: health, db, redis');
    const { code, stderr, document } = handle(error, true);
    expect(code).toBe(2);
    expect(stderr).toBe('stagebisect: no phase named "cache"\n  phases are: health, db, redis');
    expect(document).toEqual({
      error: {
        kind: 'usage',
        exitCode: 2,
        message: 'no phase named "cache"',
        remedy: 'phases are: health, db, redis',
      },
    });
  });

  it('exits 125 on infrastructure trouble, saying the app was not judged and what to do', () => {
    const error = new InfraError(
      'engine-unreachable',
      'no Docker engine answers at /var/run/docker.sock',
      'run `stagebisect engine start`',
    );
    const { code, stderr, document } = handle(error, true);
    expect(code).toBe(125);
    expect(stderr).toBe(
      'stagebisect: infrastructure error (engine-unreachable): no Docker engine answers at /var/run/docker.sock\n  remedy: run `stagebisect engine start`\n  (the app was not judged; exit code 125)',
    );
    expect(document).toEqual({
      error: {
        kind: 'infra',
        exitCode: 125,
        message: 'no Docker engine answers at /var/run/docker.sock',
        code: 'engine-unreachable',
        remedy: 'run `stagebisect engine start`',
      },
    });
  });

  it('exits 130 when interrupted, whether by our error or an AbortError', () => {
    expect(handle(new InterruptedError()).code).toBe(130);
    const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    const { code, stderr, document } = handle(abort, true);
    expect(code).toBe(130);
    expect(stderr).toBe('stagebisect: interrupted; everything this run created was removed');
    expect(document).toEqual({ error: { kind: 'interrupted', exitCode: 130, message: 'interrupted' } });
  });

  it('exits 70 on anything else, calling it our bug, with the trace and where to report it', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'phase')");
    const { code, stderr, document } = handle(bug, true);
    expect(code).toBe(70);
    expect(stderr).toContain(
      "stagebisect: internal error: Cannot read properties of undefined (reading 'phase')",
    );
    expect(stderr).toContain('This is a bug in stagebisect, not in your app.');
    expect(stderr).toContain('https://github.com/stagebisect/stagebisect/issues');
    expect(stderr).toContain(bug.stack!);
    expect(document).toEqual({
      error: {
        kind: 'internal',
        exitCode: 70,
        message: "Cannot read properties of undefined (reading 'phase')",
      },
    });
  });

  it('exits 70 on a thrown value that is not an Error', () => {
    const { code, stderr } = handle('boom');
    expect(code).toBe(70);
    expect(stderr).toContain('stagebisect: internal error: boom');
  });

  it('prints no stack trace for the errors it expects', () => {
    const expected = [
      typo,
      new UsageError('bad phase'),
      new InfraError('timeout', 'the engine did not answer in 30 s', 'check `docker info`'),
      new InterruptedError(),
    ];
    for (const error of expected) expect(handle(error).stderr).not.toMatch(/\n\s+at /);
  });

  it('writes nothing to stdout without --json', () => {
    for (const error of [typo, new InfraError('timeout', 't', 'r'), new InterruptedError(), new Error('x')]) {
      expect(handle(error).stdout).toBe('');
    }
  });
});
