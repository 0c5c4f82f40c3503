// The llm mock answers the way the OpenAI clients expect: shapes, determinism, streaming, auth and errors.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmMock } from '../../src/services/llm-mock/server.js';
import type { LlmMock, LlmMockOptions } from '../../src/services/llm-mock/server.js';

const running: LlmMock[] = [];

afterEach(async () => {
  const mocks = running.splice(0);
  await Promise.all(
    mocks.map(
      ({ server }) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          // fetch keeps connections alive, which would hold close() open.
          server.closeAllConnections();
        }),
    ),
  );
});

async function startMock(options: LlmMockOptions = {}): Promise<{ mock: LlmMock; base: string }> {
  const mock = createLlmMock(options);
  running.push(mock);
  await new Promise<void>((resolve) => mock.server.listen(0, '127.0.0.1', resolve));
  const { port } = mock.server.address() as AddressInfo;
  return { mock, base: `http://127.0.0.1:${port}` };
}

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A made-up key, as a user's app sends: the mock accepts any non-empty one unless it runs with strictKey. */
const WITH_KEY = { authorization: 'Bearer sk-test-123' };

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = WITH_KEY) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

async function postJson(base: string, path: string, body: unknown): Promise<Body> {
  const { status, text } = await post(base, path, body);
  expect(status, text).toBe(200);
  return JSON.parse(text) as Body;
}

async function getJson(base: string, path: string): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${base}${path}`, { headers: WITH_KEY });
  return { status: response.status, body: (await response.json()) as Body };
}

/** The JSON payloads of an SSE body, in order, with the final [DONE] kept as a string. */
function ssePayloads(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const data = frame
        .split('\n')
        .find((line) => line.startsWith('data: '))
        ?.slice('data: '.length);
      return data === '[DONE]' ? data : (JSON.parse(data ?? 'null') as unknown);
    });
}

const ask = (question: string, extra: Body = {}) => ({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: question },
  ],
  ...extra,
});

function vectorLength(vector: readonly number[]): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

describe('llm mock models', () => {
  it('lists the usual models and the configured one, shaped like the API list', async () => {
    const { base } = await startMock({ model: 'my-fine-tune' });
    const { status, body } = await getJson(base, '/v1/models');
    expect(status).toBe(200);
    expect(body.object).toBe('list');
    const ids = (body.data as Body[]).map((model) => model.id as string);
    expect(ids).toEqual(
      expect.arrayContaining(['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small', 'my-fine-tune']),
    );
    for (const model of body.data as Body[]) {
      expect(model).toEqual({
        id: model.id,
        object: 'model',
        created: 1_735_689_600,
        owned_by: 'stagebisect',
      });
    }
  });

  it('retrieves a listed model, and answers model_not_found for an unknown one', async () => {
    const { base } = await startMock();
    expect((await getJson(base, '/v1/models/gpt-4o')).body).toMatchObject({ id: 'gpt-4o', object: 'model' });
    const missing = await getJson(base, '/v1/models/no-such-model');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ type: 'invalid_request_error', code: 'model_not_found' });
  });
});

describe('llm mock chat completions', () => {
  it('answers the same question with the same words, id included', async () => {
    const { base } = await startMock();
    const first = await postJson(base, '/v1/chat/completions', ask('What is a layer?'));
    const second = await postJson(base, '/v1/chat/completions', ask('What is a layer?'));
    expect(second).toEqual(first);
  });

  it('answers a different question differently', async () => {
    const { base } = await startMock();
    const first = await postJson(base, '/v1/chat/completions', ask('What is a layer?'));
    const second = await postJson(base, '/v1/chat/completions', ask('What is a phase?'));
    expect(second.choices[0].message.content).not.toBe(first.choices[0].message.content);
    expect(second.id).not.toBe(first.id);
  });

  it('answers in the shape the clients parse: message, finish_reason and usage', async () => {
    const { base } = await startMock();
    const body = await postJson(base, '/v1/chat/completions', ask('Hello there'));
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      id: expect.stringMatching(/^chatcmpl-/),
    });
    expect(body.choices).toHaveLength(1);
    expect(body.choices[0]).toMatchObject({
      index: 0,
      message: { role: 'assistant', content: 'mock answer: Hello there' },
      finish_reason: 'stop',
    });
    const { prompt_tokens, completion_tokens, total_tokens } = body.usage as {
      prompt_tokens: number;
      completion_tokens: number;
      total_tokens: number;
    };
    expect(prompt_tokens).toBeGreaterThan(0);
    expect(completion_tokens).toBeGreaterThan(0);
    expect(total_tokens).toBe(prompt_tokens + completion_tokens);
  });

  it('answers from the text parts of the last user message, cut to 200 characters', async () => {
    const { base } = await startMock();
    const long = 'x'.repeat(500);
    const messages = [
      { role: 'user', content: 'an earlier question' },
      { role: 'assistant', content: 'an earlier answer' },
      { role: 'user', content: [{ type: 'text', text: long }] },
    ];
    const body = await postJson(base, '/v1/chat/completions', { model: 'gpt-4o', messages });
    expect(body.choices[0].message.content).toBe(`mock answer: ${'x'.repeat(200)}`);
  });

  it('gives n choices when asked for n', async () => {
    const { base } = await startMock();
    const body = await postJson(base, '/v1/chat/completions', ask('Hi', { n: 3 }));
    expect((body.choices as Body[]).map((choice) => choice.index)).toEqual([0, 1, 2]);
  });

  it('answers a json_object request with a JSON object string', async () => {
    const { base } = await startMock();
    const body = await postJson(
      base,
      '/v1/chat/completions',
      ask('Hi', { response_format: { type: 'json_object' } }),
    );
    expect(JSON.parse(body.choices[0].message.content as string)).toEqual({ answer: 'mock answer: Hi' });
  });

  it('fills a json_schema response format with a value of the schema shape', async () => {
    const { base } = await startMock();
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        score: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
        mood: { enum: ['happy', 'sad'] },
        author: { $ref: '#/$defs/Author' },
      },
      $defs: {
        Author: { type: 'object', properties: { name: { type: 'string' }, alive: { type: 'boolean' } } },
      },
    };
    const response_format = { type: 'json_schema', json_schema: { name: 'Review', schema, strict: true } };
    const body = await postJson(base, '/v1/chat/completions', ask('Review it', { response_format }));
    expect(JSON.parse(body.choices[0].message.content as string)).toEqual({
      title: 'mock answer: Review it',
      score: 0,
      tags: [],
      mood: 'happy',
      author: { name: 'mock answer: Review it', alive: false },
    });
  });

  it('ignores tools and answers with text', async () => {
    const { base } = await startMock();
    const tools = [
      { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } },
    ];
    const body = await postJson(base, '/v1/chat/completions', ask('Hi', { tools }));
    expect(body.choices[0]).toMatchObject({ message: { content: 'mock answer: Hi' }, finish_reason: 'stop' });
  });

  it('streams SSE chunks ending with [DONE] whose deltas add up to the unstreamed answer', async () => {
    const { base } = await startMock();
    const question = 'Tell me about streaming responses';
    const whole = await postJson(base, '/v1/chat/completions', ask(question));
    const streamed = await post(base, '/v1/chat/completions', ask(question, { stream: true }));
    expect(streamed.status).toBe(200);
    expect(streamed.type).toMatch(/^text\/event-stream/);
    const payloads = ssePayloads(streamed.text);
    expect(payloads.at(-1)).toBe('[DONE]');
    const chunks = payloads.slice(0, -1) as Body[];
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks)
      expect(chunk).toMatchObject({ object: 'chat.completion.chunk', id: chunks[0]!.id });
    expect(chunks[0]!.choices[0].delta.role).toBe('assistant');
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe('stop');
    const text = chunks.map((chunk) => (chunk.choices[0].delta.content as string | undefined) ?? '').join('');
    expect(text).toBe(whole.choices[0].message.content);
  });

  it('ends a stream with a usage chunk when stream_options.include_usage is set', async () => {
    const { base } = await startMock();
    const streamed = await post(
      base,
      '/v1/chat/completions',
      ask('Hi', { stream: true, stream_options: { include_usage: true } }),
    );
    const payloads = ssePayloads(streamed.text);
    // About four characters a token: "You are terse. Hi" is 5, "mock answer: Hi" is 4.
    expect(payloads.at(-2)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
    });
  });
});

describe('llm mock legacy completions', () => {
  it('completes a prompt with deterministic text', async () => {
    const { base } = await startMock();
    const request = { model: 'gpt-3.5-turbo-instruct', prompt: 'Once upon a time' };
    const first = await postJson(base, '/v1/completions', request);
    expect(first).toMatchObject({
      object: 'text_completion',
      choices: [{ index: 0, text: 'mock answer: Once upon a time', finish_reason: 'stop' }],
    });
    expect(await postJson(base, '/v1/completions', request)).toEqual(first);
  });
});

describe('llm mock embeddings', () => {
  it('embeds the same text to the same unit-length vector of 1536 dimensions', async () => {
    const { base } = await startMock();
    const request = { model: 'text-embedding-3-small', input: 'hello world' };
    const first = await postJson(base, '/v1/embeddings', request);
    const second = await postJson(base, '/v1/embeddings', request);
    expect(second).toEqual(first);
    expect(first).toMatchObject({
      object: 'list',
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
    expect(first.data[0]).toMatchObject({ object: 'embedding', index: 0 });
    const vector = first.data[0].embedding as number[];
    expect(vector).toHaveLength(1536);
    expect(vectorLength(vector)).toBeCloseTo(1, 5);
  });

  it('embeds different texts to different vectors, each at its index', async () => {
    const { base } = await startMock();
    const body = await postJson(base, '/v1/embeddings', {
      model: 'text-embedding-3-small',
      input: ['cat', 'dog'],
    });
    const [cat, dog] = body.data as Body[];
    expect([cat!.index, dog!.index]).toEqual([0, 1]);
    expect(cat!.embedding).not.toEqual(dog!.embedding);
  });

  it('honours the dimensions asked for', async () => {
    const { base } = await startMock();
    const body = await postJson(base, '/v1/embeddings', {
      model: 'text-embedding-3-small',
      input: 'hi',
      dimensions: 256,
    });
    const vector = body.data[0].embedding as number[];
    expect(vector).toHaveLength(256);
    expect(vectorLength(vector)).toBeCloseTo(1, 5);
  });

  it('sends base64 that decodes, as float32 little-endian, to the same floats', async () => {
    const { base } = await startMock();
    const request = { model: 'text-embedding-3-small', input: 'hello world' };
    const floats = await postJson(base, '/v1/embeddings', request);
    const encoded = await postJson(base, '/v1/embeddings', { ...request, encoding_format: 'base64' });
    const bytes = Buffer.from(encoded.data[0].embedding as string, 'base64');
    const decoded = Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
    expect(decoded).toEqual(floats.data[0].embedding);
  });
});

describe('llm mock responses API', () => {
  it('answers with a completed response holding one output_text message', async () => {
    const { base } = await startMock();
    const body = await postJson(base, '/v1/responses', { model: 'gpt-4o-mini', input: 'Say hi' });
    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      id: expect.stringMatching(/^resp_/),
    });
    expect(body.output).toEqual([
      expect.objectContaining({
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'mock answer: Say hi', annotations: [] }],
      }),
    ]);
    expect(body.usage).toMatchObject({ input_tokens: 2, output_tokens: 5, total_tokens: 7 });
  });

  it('answers the last user item of a list input', async () => {
    const { base } = await startMock();
    const input = [{ role: 'user', content: [{ type: 'input_text', text: 'Which layer broke?' }] }];
    const body = await postJson(base, '/v1/responses', { model: 'gpt-4o', input });
    expect(body.output[0].content[0].text).toBe('mock answer: Which layer broke?');
  });

  it('streams events whose deltas add up to the text of response.completed', async () => {
    const { base } = await startMock();
    const streamed = await post(base, '/v1/responses', {
      model: 'gpt-4o',
      input: 'Stream me please',
      stream: true,
    });
    const events = ssePayloads(streamed.text) as Body[];
    expect(events[0]!.type).toBe('response.created');
    const last = events.at(-1)!;
    expect(last.type).toBe('response.completed');
    const deltas = events
      .filter((event) => event.type === 'response.output_text.delta')
      .map((event) => event.delta as string);
    expect(deltas.join('')).toBe(last.response.output[0].content[0].text);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
  });
});

describe('llm mock api key', () => {
  const API_ERROR = (code: string) => ({
    error: { message: expect.stringMatching(/API key/), type: 'invalid_request_error', param: null, code },
  });

  it('accepts any non-empty bearer key by default: a made-up key proves the app sends one', async () => {
    const { base } = await startMock({ apiKey: 'sk-secret-key' });
    for (const key of ['sk-test-123', 'sk-secret-key', 'anything']) {
      const { status } = await post(base, '/v1/chat/completions', ask('Hi'), {
        authorization: `Bearer ${key}`,
      });
      expect(status).toBe(200);
    }
  });

  it('refuses a request that carries no key with a 401 shaped like the API', async () => {
    const { base } = await startMock({ apiKey: 'sk-secret-key' });
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer ' },
      { authorization: 'Basic x' },
    ];
    for (const headers of attempts) {
      const { status, text } = await post(base, '/v1/chat/completions', ask('Hi'), headers);
      expect(status).toBe(401);
      expect(JSON.parse(text)).toEqual(API_ERROR('missing_api_key'));
      expect(text).not.toContain('sk-secret-key');
    }
  });

  it("with strictKey, refuses every key but the run's own, without echoing either", async () => {
    const { base } = await startMock({ apiKey: 'sk-secret-key', strictKey: true });
    const { status, text } = await post(base, '/v1/chat/completions', ask('Hi'), {
      authorization: 'Bearer sk-test-123',
    });
    expect(status).toBe(401);
    expect(JSON.parse(text)).toEqual(API_ERROR('invalid_api_key'));
    expect(text).not.toContain('sk-secret-key');
    expect(text).not.toContain('sk-test-123');
    const right = await post(base, '/v1/chat/completions', ask('Hi'), {
      authorization: 'Bearer sk-secret-key',
    });
    expect(right.status).toBe(200);
  });

  it('answers health and call counts without a key', async () => {
    const { base } = await startMock({ apiKey: 'sk-secret-key', strictKey: true });
    const health = await fetch(`${base}/health`);
    expect([health.status, await health.text()]).toEqual([200, 'ok']);
    expect((await getJson(base, '/__stagebisect/calls')).status).toBe(200);
  });
});

describe('llm mock call counts', () => {
  it('counts the calls it served by endpoint, and the ones it refused', async () => {
    const { base, mock } = await startMock();
    await postJson(base, '/v1/chat/completions', ask('one'));
    await post(base, '/v1/chat/completions', ask('two', { stream: true }));
    await postJson(base, '/v1/embeddings', { model: 'text-embedding-3-small', input: 'three' });
    await getJson(base, '/v1/models');
    await post(base, '/v1/chat/completions', '{not json');
    const { body } = await getJson(base, '/__stagebisect/calls');
    expect(body).toEqual({
      total: 4,
      byEndpoint: { 'chat.completions': 2, embeddings: 1, 'models.list': 1 },
      rejected: 1,
    });
    expect(mock.calls()).toEqual(body);
  });

  it('logs one line per request with method, path and status, and why it refused one', async () => {
    const lines: string[] = [];
    const { base } = await startMock({ log: (line) => lines.push(line) });
    await getJson(base, '/v1/models');
    await getJson(base, '/v1/nowhere');
    await post(base, '/v1/chat/completions', ask('Hi'), {});
    await expect
      .poll(() => lines)
      .toEqual([
        'GET /v1/models 200',
        'GET /v1/nowhere 404 refused (unknown_url): Invalid URL (GET /v1/nowhere)',
        `POST /v1/chat/completions 401 refused (missing_api_key): You didn't provide an API key. Send it as "Authorization: Bearer <key>" (OpenAI clients read it from OPENAI_API_KEY); any non-empty key is accepted here.`,
      ]);
  });
});

describe('llm mock errors', () => {
  it('answers an unknown route with a 404 shaped like the API', async () => {
    const { base } = await startMock();
    const { status, text } = await post(base, '/v1/fine_tuning/jobs', {});
    expect(status).toBe(404);
    expect(JSON.parse(text)).toEqual({
      error: {
        message: 'Invalid URL (POST /v1/fine_tuning/jobs)',
        type: 'invalid_request_error',
        param: null,
        code: 'unknown_url',
      },
    });
  });

  it('answers a broken URL escape with a 400 and keeps serving', async () => {
    const { base } = await startMock();
    const broken = await getJson(base, '/v1/models/%E0');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ type: 'invalid_request_error' });
    expect((await getJson(base, '/v1/models?limit=1')).status).toBe(200);
  });

  it('answers malformed JSON with a 400 shaped like the API', async () => {
    const { base } = await startMock();
    const { status, text } = await post(base, '/v1/chat/completions', '{"model": ');
    expect(status).toBe(400);
    expect(JSON.parse(text).error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringMatching(/JSON/),
    });
  });

  it.each([
    ['messages', '/v1/chat/completions', { model: 'gpt-4o' }],
    ['model', '/v1/chat/completions', { messages: [{ role: 'user', content: 'Hi' }] }],
    ['input', '/v1/embeddings', { model: 'text-embedding-3-small' }],
    ['input', '/v1/responses', { model: 'gpt-4o' }],
  ])('answers a request without %s to %s with a 400 that names the field', async (field, path, body) => {
    const { base } = await startMock();
    const { status, text } = await post(base, path, body);
    expect(status).toBe(400);
    const { error } = JSON.parse(text) as Body;
    expect(error).toMatchObject({ type: 'invalid_request_error', param: field });
    expect(error.message).toContain(`'${field}'`);
  });
});
