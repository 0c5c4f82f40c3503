// A complete snapshot in code, for tests of what reads snapshots (store, diff, restore, docs, export).
import { createHash } from 'node:crypto';
import type { Snapshot } from '../../src/snapshots/snapshot.js';

export const APT_INSTALL = '#!/bin/sh\nset -e\napt-get install -y --no-install-recommends "$@"\n';
export const MAIN_PY = 'print("hello")\n';
export const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

const DOCKERFILE = `# Built by stagebisect: phase db of shop on python@3.13.
FROM stagebisect/python:3.13
LABEL stagebisect.cache=layer
COPY stagebisect/apt-install.sh /usr/local/bin/stagebisect-apt-install
WORKDIR /app
# layer 1: health
RUN stagebisect-apt-install python3-fastapi python3-uvicorn
# layer 2: db
RUN stagebisect-apt-install python3-sqlalchemy
RUN python3 -m pip install 'requests>=2' rich
COPY context/ /app/
EXPOSE 8000
CMD ["sh", "-c", "python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT"]
`;

export function snapshotOf(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    schemaVersion: 1,
    project: 'shop',
    stack: 'python',
    phase: { name: 'db', index: 2, description: 'PostgreSQL through SQLAlchemy' },
    runtime: 'python@3.13',
    key: 'a'.repeat(64),
    runId: 'mx1run',
    date: '2026-11-30T10:00:00.000Z',
    tool: 'stagebisect@0.1.0',
    git: { commit: '0123456789abcdef0123456789abcdef01234567', dirty: false },
    runtimeVersion: { reported: 'Python 3.13.5', version: '3.13.5' },
    runtimeImage: { ref: 'stagebisect/python:3.13', id: 'sha256:675081c6d834' },
    dockerfile: DOCKERFILE,
    start: 'python3 -m uvicorn app.main:app --host 0.0.0.0 --port $PORT',
    port: 8000,
    memoryBytes: null,
    layers: [
      {
        index: 1,
        name: 'health',
        description: 'FastAPI answering /health',
        file: 'phases/10-health.yaml',
        apt: ['python3-fastapi', 'python3-uvicorn'],
        pip: [],
        requirements: [],
        npm: {},
      },
      {
        index: 2,
        name: 'db',
        description: 'PostgreSQL through SQLAlchemy',
        file: 'phases/20-db.yaml',
        apt: ['python3-sqlalchemy'],
        pip: ['requests>=2', 'rich'],
        requirements: [],
        npm: {},
      },
    ],
    packages: {
      apt: [
        { name: 'python3-fastapi', version: '0.115.0-1' },
        { name: 'python3-sqlalchemy', version: '2.0.40+ds1-1' },
        { name: 'python3-uvicorn', version: '0.32.0-1' },
      ],
      python: [
        { name: 'fastapi', version: '0.115.0', installer: 'debian' },
        { name: 'requests', version: '2.32.3', installer: 'pip' },
        { name: 'rich', version: '13.9.4', installer: 'pip' },
      ],
      lockfile: null,
    },
    files: [
      { path: 'context/app/main.py', sha256: sha(MAIN_PY), mode: 0o644, kind: 'file' },
      { path: 'stagebisect/apt-install.sh', sha256: sha(APT_INSTALL), mode: 0o755, kind: 'file' },
    ],
    services: [
      {
        name: 'postgres',
        kind: 'postgres',
        image: { ref: 'stagebisect/postgres:local', id: 'sha256:2690e8d20901' },
        version: '17.12',
        port: 5432,
      },
    ],
    env: [
      {
        name: 'DATABASE_URL',
        layer: 'db',
        source: 'service',
        secret: false,
        value: '${services.postgres.url}',
        service: { name: 'postgres', kind: 'postgres', attribute: 'url' },
        byHand: false,
      },
      { name: 'FEATURE_DB', layer: 'db', source: 'literal', secret: false, value: '1', byHand: false },
      { name: 'STRIPE_API_KEY', layer: 'db', source: 'secret', secret: true, byHand: true },
    ],
    checks: [
      {
        label: 'http GET /health',
        kind: 'http',
        phase: 'health',
        status: 'pass',
        durationMs: 14,
        latencyMs: 9,
        http: { method: 'GET', path: '/health', status: 200, body: 'ok', headers: {}, timeoutMs: 10_000 },
      },
      {
        label: 'http GET /health/db',
        kind: 'http',
        phase: 'db',
        status: 'pass',
        durationMs: 30,
        latencyMs: 21,
        http: { method: 'GET', path: '/health/db', status: 200, body: 'ok', headers: {}, timeoutMs: 10_000 },
      },
    ],
    notes: [],
    ...overrides,
  };
}
