// The release command of the db layer: applies migrations/*.sql in name order, each once, each in its own
// transaction, and records what it applied, as a host's pre-deploy step runs `npm run migrate`.
import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';
import { requireEnv } from './layer.js';

const MIGRATIONS = new URL('../migrations/', import.meta.url);

const client = new pg.Client({ connectionString: requireEnv('DATABASE_URL') });
await client.connect();
try {
  await client.query(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  const applied = new Set(
    (await client.query<{ name: string }>('select name from schema_migrations')).rows.map((row) => row.name),
  );
  const pending = (await readdir(MIGRATIONS))
    .filter((name) => name.endsWith('.sql') && !applied.has(name))
    .sort();
  for (const name of pending) {
    await client.query('begin');
    try {
      await client.query(await readFile(new URL(name, MIGRATIONS), 'utf8'));
      await client.query('insert into schema_migrations (name) values ($1)', [name]);
      await client.query('commit');
      console.log(`migrated: ${name}`);
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  }
  if (pending.length === 0) console.log('migrations up to date');
} finally {
  await client.end();
}
