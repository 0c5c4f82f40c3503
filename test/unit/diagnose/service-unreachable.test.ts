// service-unreachable: captured connection failures are mapped to the phase's services, or to the missing one.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/diagnose.js';
import type { DiagnosisInput } from '../../../src/diagnose/diagnosis-input.js';
import { loadEvidence } from './load-evidence.js';
import { makeEnv, makeInput, makeService } from './make-input.js';

const exit = { code: 1, oomKilled: false };
const postgres = makeService(
  'postgres',
  5432,
  ['DATABASE_URL'],
  'postgresql+psycopg2://app:***@postgres:5432/app',
);
const redis = makeService('redis', 6379, ['REDIS_URL'], 'redis://redis:6379/0');
const llm = makeService('llm', 8080, ['OPENAI_BASE_URL'], 'http://llm:8080/v1');

function run(fixture: string, overrides: Partial<DiagnosisInput> = {}) {
  return diagnose(
    makeInput({
      appLog: loadEvidence(fixture),
      exit,
      envNames: ['PORT', 'DATABASE_URL', 'REDIS_URL'],
      ...overrides,
    }),
  );
}

describe('service-unreachable', () => {
  it('says the app tried a hard-coded localhost while postgres lives elsewhere, and which env var has the URL', () => {
    const diagnosis = run('psycopg2-refused-localhost', { services: [postgres] });
    expect(diagnosis.class).toBe('service-unreachable');
    expect(diagnosis.subject).toBe('postgres');
    expect(diagnosis.summary).toBe(
      "The app tried localhost:5432 (Connection refused), but 'postgres' runs at postgres:5432; it was given postgresql+psycopg2://app:***@postgres:5432/app in DATABASE_URL.",
    );
    expect(diagnosis.remedy).toContain('Read the URL from DATABASE_URL instead of a hard-coded localhost');
  });

  it('names the declared service that refused, with the URL the app was given', () => {
    const diagnosis = run('psycopg2-refused-service', { services: [postgres] });
    expect(diagnosis.subject).toBe('postgres');
    expect(diagnosis.summary).toContain('postgres:5432 (Connection refused)');
    expect(diagnosis.summary).toContain('postgresql+psycopg2://app:***@postgres:5432/app');
  });

  it('says the phase never declared a service the app looks for', () => {
    const diagnosis = run('psycopg2-unknown-host-nxdomain');
    expect(diagnosis.subject).toBe('db');
    expect(diagnosis.summary).toContain("phase 'auth' declares no service there");
    expect(diagnosis.remedy).toContain('`services: { postgres: {} }`');
  });

  it("reads redis-py's refusals and failed lookups", () => {
    expect(run('redis-refused-service', { services: [redis] })).toMatchObject({
      class: 'service-unreachable',
      subject: 'redis',
    });
    const undeclared = run('redis-unknown-host-nxdomain');
    expect(undeclared).toMatchObject({ class: 'service-unreachable', subject: 'cache:6379' });
    expect(undeclared.remedy).toContain('`services: { redis: {} }`');
  });

  it('maps a localhost redis to the declared one even when IPv6 answers "Cannot assign requested address"', () => {
    const diagnosis = run('redis-refused-localhost', { services: [redis] });
    expect(diagnosis.subject).toBe('redis');
    expect(diagnosis.summary).toContain("'redis' runs at redis:6379");
  });

  it("attributes the OpenAI client's address-less 'Connection error.' to the llm service", () => {
    const diagnosis = run('openai-connection-error', { services: [llm] });
    expect(diagnosis.subject).toBe('llm');
    expect(diagnosis.summary).toContain('http://llm:8080/v1 in OPENAI_BASE_URL');
    expect(diagnosis.evidence).toEqual(['openai.APIConnectionError: Connection error.']);
  });

  it('asks for an llm service when the OpenAI client has none to talk to', () => {
    const diagnosis = run('openai-connection-error');
    expect(diagnosis.remedy).toContain('`services: { llm: {} }`');
  });

  it("matches Node's resolved IP to the declared service by port, and names an unknown host", () => {
    const node = { stack: 'node', runtime: 'node@22' } as const;
    expect(run('node-econnrefused-service', { ...node, services: [postgres] }).subject).toBe('postgres');
    expect(run('node-econnrefused-localhost', { ...node, services: [postgres] }).remedy).toContain(
      'hard-coded localhost',
    );
    expect(run('node-enotfound', node)).toMatchObject({ class: 'service-unreachable', subject: 'db' });
  });

  describe('names the env entry that carries the wrong address, and the file that set it', () => {
    const redisByParts = makeService('redis', 6379, ['REDIS_PORT'], 'redis://redis:6379/0');
    const file = 'phases/30-redis.yaml';

    it('REDIS_HOST: localhost beside REDIS_PORT: ${services.redis.port}', () => {
      const diagnosis = run('redis-host-env-localhost', {
        services: [redisByParts],
        env: [
          makeEnv('REDIS_HOST', 'localhost', 'localhost', file),
          makeEnv('REDIS_PORT', '${services.redis.port}', '6379', file),
        ],
        envNames: ['PORT', 'REDIS_HOST', 'REDIS_PORT'],
      });
      expect(diagnosis).toMatchObject({ class: 'service-unreachable', subject: 'redis' });
      expect(diagnosis.summary).toBe(
        "The app tried localhost:6379 (Cannot assign requested address), the address REDIS_HOST (phases/30-redis.yaml) gives it, but 'redis' runs at redis:6379.",
      );
      expect(diagnosis.remedy).toBe(
        'Set `REDIS_HOST: "${services.redis.host}"` in phases/30-redis.yaml: inside a container, localhost is the app itself.',
      );
      expect(diagnosis.remedy).not.toContain('REDIS_PORT');
    });

    it('a URL entry written by hand with localhost', () => {
      const diagnosis = run('redis-refused-loopback', {
        services: [makeService('redis', 6379, [], 'redis://redis:6379/0')],
        env: [makeEnv('REDIS_URL', 'redis://127.0.0.1:6379/0', 'redis://127.0.0.1:6379/0', file)],
      });
      expect(diagnosis.remedy).toBe(
        'Set `REDIS_URL: "${services.redis.url}"` in phases/30-redis.yaml: inside a container, localhost is the app itself.',
      );
    });

    it('a port entry that is not the service port', () => {
      const diagnosis = run('redis-port-env-wrong', {
        services: [makeService('redis', 6379, ['REDIS_HOST'], 'redis://redis:6379/0')],
        env: [
          makeEnv('REDIS_HOST', '${services.redis.host}', 'redis', file),
          makeEnv('REDIS_PORT', '6380', '6380', file),
        ],
      });
      expect(diagnosis).toMatchObject({ class: 'service-unreachable', subject: 'redis' });
      expect(diagnosis.summary).toBe(
        "The app tried redis:6380 (Connection refused), the port REDIS_PORT (phases/30-redis.yaml) gives it, but 'redis' listens on 6379.",
      );
      expect(diagnosis.remedy).toBe(
        'Set `REDIS_PORT: "${services.redis.port}"` in phases/30-redis.yaml, so the port comes from the service itself.',
      );
    });

    it('a hard-coded host beside a port entry: read the host too, not a URL from the port entry', () => {
      const diagnosis = run('redis-refused-localhost', {
        services: [redisByParts],
        env: [makeEnv('REDIS_PORT', '${services.redis.port}', '6379', file)],
      });
      expect(diagnosis.remedy).toContain(
        'The app is given REDIS_PORT but uses a hard-coded localhost for the rest of the address',
      );
      expect(diagnosis.remedy).not.toContain('Read the URL from REDIS_PORT');
    });
  });
});
