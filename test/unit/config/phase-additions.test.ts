// layerAdditions and phaseWithAdditions: the culprit layer taken apart, and any subset of it put on the
// phase before it.
import { describe, expect, it } from 'vitest';
import { layerAdditions, phaseWithAdditions } from '../../../src/config/phase-additions.js';
import type { ServiceSpec } from '../../../src/model.js';
import { check, layer, planOf, postgres } from '../../support/plan-builder.js';

const redis: ServiceSpec = { ...postgres('redis'), name: 'redis', kind: 'redis', port: 6379 };

const PLAN = planOf([
  layer('health', {
    apt: ['python3-fastapi'],
    files: ['app/__init__.py', 'app/main.py'],
    env: { LOG_LEVEL: 'info' },
    checks: [check.log('startup complete')],
  }),
  layer('auth', {
    apt: ['python3-jwt', 'python3-passlib'],
    pip: ['bcrypt==4.2.0'],
    requirements: ['requirements-auth.txt'],
    files: ['app/main.py', 'app/auth.py'],
    env: { LOG_LEVEL: 'info', FEATURE_AUTH: '1', JWT_SECRET: '${random.secret}' },
    secrets: ['AUTH_TOKEN'],
    services: [redis],
    start: 'uvicorn app.main:app --workers 2',
    checks: [check.log('auth ready')],
  }),
]);
const [health, auth] = PLAN.phases as [(typeof PLAN.phases)[0], (typeof PLAN.phases)[1]];

describe('layerAdditions', () => {
  it('lists each thing the layer adds over the phase before it, and nothing it re-declares unchanged', () => {
    expect(layerAdditions(health, auth).map((a) => a.label)).toEqual([
      'apt python3-jwt',
      'apt python3-passlib',
      'pip bcrypt==4.2.0',
      'requirements requirements-auth.txt',
      'file app/auth.py',
      'env FEATURE_AUTH',
      'env JWT_SECRET',
      'secret AUTH_TOKEN',
      'service redis',
      'start: uvicorn app.main:app --workers 2',
    ]);
  });

  it('offers no start: for the first phase, whose start has nothing to differ from', () => {
    expect(layerAdditions(undefined, health).map((a) => a.label)).toEqual([
      'apt python3-fastapi',
      'file app/__init__.py',
      'file app/main.py',
      'env LOG_LEVEL',
    ]);
  });
});

describe('phaseWithAdditions', () => {
  const all = layerAdditions(health, auth);
  const pick = (...labels: string[]) => all.filter((a) => labels.includes(a.label));

  it('with none of them is the phase before, with the culprit layer checks added', () => {
    const phase = phaseWithAdditions(health, auth, []);
    expect(phase).toMatchObject({
      index: 2,
      name: 'auth',
      start: health.start,
      files: ['app/__init__.py', 'app/main.py'],
      env: { LOG_LEVEL: 'info' },
      services: [],
      secrets: [],
    });
    expect(phase.checks.map((c) => c.label)).toEqual(['log "startup complete"', 'log "auth ready"']);
    const last = phase.layers[1]!;
    expect([last.apt, last.pip, last.requirements, last.start]).toEqual([[], [], [], undefined]);
  });

  it('with all of them is the culprit phase', () => {
    const phase = phaseWithAdditions(health, auth, all);
    expect(phase).toEqual(auth);
  });

  it('takes in exactly the chosen ones', () => {
    const phase = phaseWithAdditions(
      health,
      auth,
      pick(
        'apt python3-jwt',
        'file app/auth.py',
        'env JWT_SECRET',
        'start: uvicorn app.main:app --workers 2',
      ),
    );
    expect(phase.layers[1]!.apt).toEqual(['python3-jwt']);
    expect(phase.files).toEqual(['app/__init__.py', 'app/main.py', 'app/auth.py']);
    expect(phase.env).toEqual({ LOG_LEVEL: 'info', JWT_SECRET: '${random.secret}' });
    expect(phase.start).toBe('uvicorn app.main:app --workers 2');
    expect(phase.services).toEqual([]);
  });

  it('brings a service and a secret in when chosen', () => {
    const phase = phaseWithAdditions(health, auth, pick('service redis', 'secret AUTH_TOKEN'));
    expect(phase.services.map((s) => s.name)).toEqual(['redis']);
    expect(phase.secrets).toEqual(['AUTH_TOKEN']);
    expect(phase.start).toBe(health.start);
  });
});
