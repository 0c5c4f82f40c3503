// isSecretName: which env names hold secrets.
import { describe, expect, it } from 'vitest';
import { isSecretName } from '../../../src/secrets/secret-names.js';

describe('isSecretName', () => {
  it.each([
    'OPENAI_API_KEY',
    'GITHUB_TOKEN',
    'DB_PASSWORD',
    'JWT_SECRET',
    'API_KEY',
    'APIKEY',
    'AWS_SECRET_ACCESS_KEY',
    'GOOGLE_CREDENTIALS',
    'postgres_password',
  ])('takes %s for a secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each(['FEATURE_DB', 'DATABASE_URL', 'PORT', 'LOG_LEVEL', 'KEYBOARD_LAYOUT', 'TOKENIZER_PATH'])(
    'takes %s for a plain value',
    (name) => expect(isSecretName(name)).toBe(false),
  );
});
