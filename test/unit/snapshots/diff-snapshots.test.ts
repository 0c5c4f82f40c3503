// Two working configurations compared as a person would: packages with versions, env, services, start
// command, Dockerfile lines, files.
import { describe, expect, it } from 'vitest';
import { diffSnapshots, isEmptyDiff } from '../../../src/snapshots/diff-snapshots.js';
import { lineDiff } from '../../../src/snapshots/line-diff.js';
import { renderSnapshotDiff } from '../../../src/report/snapshot-report.js';
import { snapshotOf } from '../../support/snapshot-fixture.js';

describe('lineDiff', () => {
  it('names the lines removed and added, in order', () => {
    expect(lineDiff('a\nb\nc\nd', 'a\nc\nx\nd')).toEqual([
      { op: '-', line: 'b' },
      { op: '+', line: 'x' },
    ]);
    expect(lineDiff('same\n', 'same\n')).toEqual([]);
  });
});

describe('diffSnapshots', () => {
  const before = snapshotOf();
  const after = snapshotOf({
    key: 'b'.repeat(64),
    runtime: 'python@3.14',
    runtimeVersion: { reported: 'Python 3.14.0', version: '3.14.0' },
    runtimeImage: { ref: 'stagebisect/python:3.14', id: 'sha256:c7769bc9a281' },
    start: 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT --workers 2',
    dockerfile: before.dockerfile.replace('python3-sqlalchemy', 'python3-sqlalchemy python3-redis'),
    packages: {
      ...before.packages,
      apt: [
        { name: 'python3-fastapi', version: '0.143.0-1' },
        { name: 'python3-redis', version: '5.2.1-1' },
        { name: 'python3-uvicorn', version: '0.32.0-1' },
      ],
    },
    env: [
      ...before.env.filter((e) => e.name !== 'FEATURE_DB'),
      {
        name: 'REDIS_URL',
        layer: 'db',
        source: 'service',
        secret: false,
        value: '${services.redis.url}',
        service: { name: 'redis', kind: 'redis', attribute: 'url' },
        byHand: false,
      },
    ],
    services: [{ ...before.services[0]!, version: '18.1' }],
  });

  it('lists each kind of change with both sides', () => {
    const diff = diffSnapshots(before, after);
    expect(diff.sameKey).toBe(false);
    expect(diff.apt).toEqual(
      [
        { name: 'python3-fastapi', from: '0.115.0-1', to: '0.143.0-1' },
        { name: 'python3-redis', from: null, to: '5.2.1-1' },
        { name: 'python3-sqlalchemy', from: '2.0.40+ds1-1', to: null },
        { name: 'python3-uvicorn', from: '0.32.0-1', to: '0.32.0-1' },
      ].filter((c) => c.from !== c.to),
    );
    expect(diff.env).toEqual([
      { name: 'FEATURE_DB', from: 'literal: 1', to: null },
      { name: 'REDIS_URL', from: null, to: 'service: ${services.redis.url}' },
    ]);
    expect(diff.services).toEqual([
      { name: 'postgres', from: 'stagebisect/postgres:local 17.12', to: 'stagebisect/postgres:local 18.1' },
    ]);
    expect(diff.start).toMatchObject({ to: expect.stringContaining('--workers 2') });
    expect(diff.dockerfile).toEqual([
      { op: '-', line: 'RUN stagebisect-apt-install python3-sqlalchemy' },
      { op: '+', line: 'RUN stagebisect-apt-install python3-sqlalchemy python3-redis' },
    ]);
    expect(diff.runtime.map((c) => c.name)).toEqual(['image', 'runtime', 'version']);
  });

  it('reads as a terminal report', () => {
    const text = renderSnapshotDiff(diffSnapshots(before, after));
    expect(text).toContain(
      'apt packages\n  ~ python3-fastapi 0.115.0-1 → 0.143.0-1\n  + python3-redis 5.2.1-1\n  - python3-sqlalchemy 2.0.40+ds1-1',
    );
    expect(text).toContain(
      'Dockerfile\n  - RUN stagebisect-apt-install python3-sqlalchemy\n  + RUN stagebisect-apt-install python3-sqlalchemy python3-redis',
    );
    expect(text).toContain('env\n  - FEATURE_DB literal: 1\n  + REDIS_URL service: ${services.redis.url}');
  });

  it('says so when nothing differs', () => {
    const diff = diffSnapshots(before, snapshotOf());
    expect(isEmptyDiff(diff)).toBe(true);
    expect(renderSnapshotDiff(diff)).toContain('the same configuration (same key)');
  });
});
