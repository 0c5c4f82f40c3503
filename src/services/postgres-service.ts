// PostgreSQL: ready when a real query succeeds over TCP, never at the first open port (it restarts once
// during its first initialisation).
import type { ServiceDefinition } from './service-definition.js';

export const postgresService: ServiceDefinition = {
  versionArgv: ['postgres', '--version'],
  readyTimeoutMs: 60_000,
  launch: (spec, image, credentials) => ({
    role: spec.name,
    image,
    env: {
      POSTGRES_USER: credentials.user,
      POSTGRES_PASSWORD: credentials.password,
      POSTGRES_DB: credentials.database,
    },
  }),
  attributes: (spec, c) => ({
    url: `postgresql://${c.user}:${encodeURIComponent(c.password)}@${spec.name}:${spec.port}/${c.database}`,
    host: spec.name,
    port: String(spec.port),
    user: c.user,
    password: c.password,
    database: c.database,
  }),
  readiness: (_spec, handle, c) => async (remainingMs, signal) => {
    const result = await handle.exec(
      ['psql', '-h', '127.0.0.1', '-U', c.user, '-d', c.database, '-tAc', 'select 1'],
      {
        env: { PGPASSWORD: c.password, PGCONNECT_TIMEOUT: '2' },
        timeoutMs: Math.min(remainingMs, 5000),
        signal,
      },
    );
    const ready = result.exitCode === 0 && result.output.trim() === '1';
    return { ready, detail: ready ? 'answered select 1' : (result.output.trim().split('\n').pop() ?? '') };
  },
};
