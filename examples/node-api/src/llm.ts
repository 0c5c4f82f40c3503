// The llm layer: one chat completion through the official OpenAI client. It reads OPENAI_BASE_URL and
// OPENAI_API_KEY from the environment, so the same code talks to OpenAI in production and to
// stagebisect's mock in a check.
import { Router } from 'express';
import OpenAI from 'openai';
import type { Layer } from './layer.js';

const model = process.env.LLM_MODEL ?? 'gpt-4o-mini';
// Fail fast: a check should see the error, not wait through retries.
const client = new OpenAI({ maxRetries: 0, timeout: 10_000 });
const router = Router();

router.get('/health/llm', async (_request, response) => {
  const completion = await client.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'Are you there?' }],
  });
  response.type('text/plain').send(completion.choices[0]?.message.content ?? '');
});

export const layer: Layer = { router };
