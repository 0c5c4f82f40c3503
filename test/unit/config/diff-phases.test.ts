// diffPhases: what a phase's own layer adds over the phase before it, as a bisect shows its culprit.
import { describe, expect, it } from 'vitest';
import { diffPhases } from '../../../src/config/diff-phases.js';
import { check, layer, planOf, postgres } from '../../support/plan-builder.js';

const plan = planOf([
  layer('health', {
    apt: ['python3-fastapi'],
    env: { LOG_LEVEL: 'info' },
    files: ['app/main.py'],
    checks: [check.log('up')],
  }),
  layer('db', {
    apt: ['python3-psycopg2'],
    pip: ['sqlalchemy>=2'],
    requirements: ['requirements/db.txt'],
    files: ['app/db.py'],
    services: [postgres('db')],
    env: { LOG_LEVEL: 'info', DATABASE_URL: '${services.postgres.url}' },
    secrets: ['DB_PASSWORD'],
    checks: [check.log('database ready')],
  }),
  layer('auth', {
    env: { LOG_LEVEL: 'debug' },
    secrets: ['DB_PASSWORD', 'JWT_SECRET'],
    start: 'python3 -m app --auth',
  }),
]);
const [health, db, auth] = plan.phases;

describe('diffPhases', () => {
  it('lists everything the phase adds, and only the env values it changes', () => {
    expect(diffPhases(health, db!)).toEqual({
      apt: ['python3-psycopg2'],
      pip: ['sqlalchemy>=2'],
      requirements: ['requirements/db.txt'],
      npm: {},
      files: ['app/db.py'],
      envNames: ['DATABASE_URL'],
      secrets: ['DB_PASSWORD'],
      services: ['postgres'],
      checks: ['log "database ready"'],
    });
  });

  it('shows a changed start command with what it was, and omits secrets already declared', () => {
    const added = diffPhases(db, auth!);
    expect(added.start).toEqual({ from: 'python3 -m app', to: 'python3 -m app --auth' });
    expect(added.envNames).toEqual(['LOG_LEVEL']);
    expect(added.secrets).toEqual(['JWT_SECRET']);
  });

  it('takes the whole first layer as added, with no start change', () => {
    const added = diffPhases(undefined, health!);
    expect(added.apt).toEqual(['python3-fastapi']);
    expect(added.envNames).toEqual(['LOG_LEVEL']);
    expect(added).not.toHaveProperty('start');
  });
});
