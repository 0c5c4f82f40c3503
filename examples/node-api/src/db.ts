// The db layer: PostgreSQL through pg, at DATABASE_URL. Its schema comes from the release command
// (dist/migrate.js), so start-up proves the migration ran by reading the table it creates.
import pg from 'pg';
import { Router } from 'express';
import { requireEnv, type Layer } from './layer.js';

const pool = new pg.Pool({ connectionString: requireEnv('DATABASE_URL'), max: 4 });
const router = Router();

router.get('/health/db', async (_request, response) => {
  await pool.query('select 1');
  response.type('text/plain').send('ok');
});

router.post('/notes', async (request, response) => {
  const body = typeof request.body?.body === 'string' ? request.body.body : '';
  const inserted = await pool.query<{ id: number }>('insert into notes (body) values ($1) returning id', [
    body,
  ]);
  response.status(201).json({ id: inserted.rows[0]?.id });
});

router.get('/notes/count', async (_request, response) => {
  const counted = await pool.query<{ count: string }>('select count(*) from notes');
  response.type('text/plain').send(counted.rows[0]?.count ?? '0');
});

export const layer: Layer = {
  router,
  async startup() {
    await pool.query('select count(*) from notes');
    console.log('database ready');
  },
};
