// The auth layer: accounts in SQLite (better-sqlite3, a native addon) with scrypt password hashes, and
// HS256 tokens (jose) signed with JWT_SECRET.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';
import { Router } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { requireEnv, type Layer } from './layer.js';

const secret = new TextEncoder().encode(requireEnv('JWT_SECRET'));
const accounts = new Database(':memory:');
accounts.exec('create table accounts (name text primary key, salt blob not null, hash blob not null)');
const insertAccount = accounts.prepare('insert into accounts (name, salt, hash) values (?, ?, ?)');
const findAccount = accounts.prepare<[string], { salt: Buffer; hash: Buffer }>(
  'select salt, hash from accounts where name = ?',
);

function addAccount(name: string, password: string): void {
  const salt = randomBytes(16);
  insertAccount.run(name, salt, scryptSync(password, salt, 32));
}

function passwordMatches(name: string, password: string): boolean {
  const account = findAccount.get(name);
  return account !== undefined && timingSafeEqual(scryptSync(password, account.salt, 32), account.hash);
}

function issueToken(subject: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setExpirationTime('15m')
    .sign(secret);
}

async function readToken(token: string): Promise<string | undefined> {
  return (await jwtVerify(token, secret, { algorithms: ['HS256'] })).payload.sub;
}

// The one account of this demo: demo / demo.
addAccount('demo', 'demo');
const router = Router();

router.post('/auth/token', async (request, response) => {
  const { username, password } = (request.body ?? {}) as { username?: unknown; password?: unknown };
  if (typeof username !== 'string' || typeof password !== 'string' || !passwordMatches(username, password)) {
    response.status(401).json({ detail: 'wrong username or password' });
    return;
  }
  response.json({ access_token: await issueToken(username), token_type: 'bearer' });
});

router.get('/auth/selftest', async (_request, response) => {
  const hashing = passwordMatches('demo', 'demo') && !passwordMatches('demo', 'wrong');
  const tokens = (await readToken(await issueToken('selftest'))) === 'selftest';
  response
    .status(hashing && tokens ? 200 : 500)
    .type('text/plain')
    .send(hashing && tokens ? 'ok' : `hashing ${hashing}, tokens ${tokens}`);
});

export const layer: Layer = { router };
