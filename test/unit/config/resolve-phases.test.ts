// resolvePhases: each phase is its layer plus everything the layers before it declared.
import { describe, expect, it } from 'vitest';
import { resolvePhases } from '../../../src/config/resolve-phases.js';
import type { Layer } from '../../../src/model.js';
import { check, layer, postgres } from '../../support/plan-builder.js';

const START = 'python3 -m app';

function indexed(layers: Layer[]): Layer[] {
  return layers.map((l, i) => ({ ...l, index: i + 1 }));
}

describe('resolvePhases', () => {
  it('numbers phases from 1 and gives each the layers up to its own', () => {
    const phases = resolvePhases(indexed([layer('health'), layer('db'), layer('auth')]), START);
    expect(phases.map((p) => `${p.index} ${p.name} ${p.layers.map((l) => l.name).join('+')}`)).toEqual([
      '1 health health',
      '2 db health+db',
      '3 auth health+db+auth',
    ]);
  });

  it('unites file lists without duplicates, in the order they were declared', () => {
    const phases = resolvePhases(
      indexed([
        layer('health', { files: ['app/main.py', 'app/health.py'] }),
        layer('db', { files: ['app/db.py', 'app/main.py'] }),
      ]),
      START,
    );
    expect(phases.map((p) => p.files)).toEqual([
      ['app/main.py', 'app/health.py'],
      ['app/main.py', 'app/health.py', 'app/db.py'],
    ]);
  });

  it('takes the whole context from the first layer that names no files on, and not before', () => {
    const phases = resolvePhases(
      indexed([
        layer('health', { files: ['app/main.py'] }),
        layer('all', { files: 'context' }),
        layer('db', { files: ['app/db.py'] }),
      ]),
      START,
    );
    expect(phases.map((p) => p.files)).toEqual([['app/main.py'], 'context', 'context']);
  });

  it('lets a later layer override an env value without changing the earlier phase', () => {
    const phases = resolvePhases(
      indexed([
        layer('health', { env: { FEATURE_DB: '0', LOG_LEVEL: 'info' } }),
        layer('db', { env: { FEATURE_DB: '1' } }),
      ]),
      START,
    );
    expect(phases[0]!.env).toEqual({ FEATURE_DB: '0', LOG_LEVEL: 'info' });
    expect(phases[1]!.env).toEqual({ FEATURE_DB: '1', LOG_LEVEL: 'info' });
  });

  it('keeps a service once, as the layer that introduced it declared it', () => {
    const phases = resolvePhases(
      indexed([layer('db', { services: [postgres('db')] }), layer('auth', { services: [postgres('auth')] })]),
      START,
    );
    expect(phases[1]!.services).toHaveLength(1);
    expect(phases[1]!.services[0]!.phase).toBe('db');
  });

  it('unites secrets without duplicates', () => {
    const phases = resolvePhases(
      indexed([
        layer('auth', { secrets: ['JWT_KEY'] }),
        layer('llm', { secrets: ['OPENAI_API_KEY', 'JWT_KEY'] }),
      ]),
      START,
    );
    expect(phases[1]!.secrets).toEqual(['JWT_KEY', 'OPENAI_API_KEY']);
  });

  it("runs earlier layers' checks first, then the phase's own", () => {
    const phases = resolvePhases(
      indexed([
        layer('health', { checks: [check.log('startup complete'), check.exec('true')] }),
        layer('db', { checks: [check.log('database ready')] }),
      ]),
      START,
    );
    expect(phases[1]!.checks.map((c) => `${c.phase}: ${c.label}`)).toEqual([
      'health: log "startup complete"',
      'health: exec true',
      'db: log "database ready"',
    ]);
  });

  it("starts with the project's command until a layer overrides it, and keeps the override after", () => {
    const phases = resolvePhases(
      indexed([layer('health'), layer('workers', { start: 'gunicorn app:app -w 4' }), layer('llm')]),
      START,
    );
    expect(phases.map((p) => p.start)).toEqual([START, 'gunicorn app:app -w 4', 'gunicorn app:app -w 4']);
  });

  it('has no build step or release command until a layer declares one; the last declared wins after', () => {
    const phases = resolvePhases(
      indexed([
        layer('health'),
        layer('assets', { build: 'npm run build' }),
        layer('db', { release: 'npm run migrate' }),
        layer('ssr', { build: 'npm run build:ssr' }),
      ]),
      START,
    );
    expect(phases.map((p) => [p.build, p.release])).toEqual([
      [undefined, undefined],
      ['npm run build', undefined],
      ['npm run build', 'npm run migrate'],
      ['npm run build:ssr', 'npm run migrate'],
    ]);
    expect(phases[0]).not.toHaveProperty('build');
  });
});
