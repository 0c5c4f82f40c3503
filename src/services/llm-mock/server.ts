// The OpenAI-compatible mock served as the `llm` service: deterministic answers, no real keys, no cost.
// It is copied alone into a container as server.mjs and run with plain node, so it imports only node: built-ins.

import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';

export interface LlmMockOptions {
  /**
   * The key the run made up (`${services.llm.api_key}`). Only with `strictKey` is it the only key
   * accepted; otherwise any non-empty bearer key is, because a made-up key proves what the mock can
   * prove: that the app sends one.
   */
  readonly apiKey?: string;
  /** Accept nothing but `apiKey`. */
  readonly strictKey?: boolean;
  /** A model to list besides the usual ones: the one the app is configured with. */
  readonly model?: string;
  /**
   * Receives one line per request: `METHOD /path STATUS`, and for a refused one
   * `METHOD /path STATUS refused (CODE): MESSAGE` (see `refusalLine`); silent when omitted.
   */
  readonly log?: (line: string) => void;
}

/** What the mock served, so a test can prove that the app really called it. */
export interface LlmMockCalls {
  readonly total: number;
  readonly byEndpoint: Readonly<Record<string, number>>;
  /** Requests answered with an error (wrong key, bad body, unknown route): the app reached the mock but failed. */
  readonly rejected: number;
}

export interface LlmMock {
  readonly server: Server;
  calls(): LlmMockCalls;
}

type Json = Record<string, unknown>;
type Reply = { readonly json: unknown } | { readonly sse: readonly string[] };
interface Context {
  readonly id: string;
  readonly param: string;
  readonly models: readonly string[];
}
interface Route {
  readonly endpoint: string;
  readonly method: 'GET' | 'POST';
  readonly path: RegExp;
  readonly handle: (request: Json, context: Context) => Reply;
}

// Fixed, so that the same request gets a byte-identical answer and snapshots of it do not churn.
const CREATED = 1_735_689_600;
const FINGERPRINT = 'fp_stagebisect';
const ANSWER_CHARS = 200;
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const USUAL_MODELS = ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small'];
const MAX_EMBEDDING_DIMENSIONS = 8192;
const PLAIN = { 'content-type': 'text/plain; charset=utf-8' };

/** An error the clients understand: it becomes `{ error: { message, type, param, code } }`. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireField(request: Json, field: string): unknown {
  const value = request[field];
  if (value === undefined || value === null) {
    throw new ApiError(400, `Missing required parameter: '${field}'.`, field, 'missing_required_parameter');
  }
  return value;
}

function requireModel(request: Json): string {
  const model = requireField(request, 'model');
  if (typeof model !== 'string' || model === '') {
    throw new ApiError(400, "Invalid 'model': expected a non-empty string.", 'model', 'invalid_type');
  }
  return model;
}

function requireMessages(request: Json): readonly unknown[] {
  const messages = requireField(request, 'messages');
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new ApiError(400, "Invalid 'messages': expected a non-empty array.", 'messages', 'invalid_value');
  }
  return messages;
}

function choiceCount(request: Json): number {
  const n = request.n ?? 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 128) {
    throw new ApiError(400, "Invalid 'n': expected an integer from 1 to 128.", 'n', 'invalid_value');
  }
  return n;
}

/** The text of a message's content: a string, or the text parts of a list of content parts. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .filter((text) => text !== '')
    .join(' ');
}

function lastUserText(items: readonly unknown[]): string {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (isObject(item) && item.role === 'user') return textOf(item.content);
  }
  return '';
}

function answerFor(question: string): string {
  // Sliced by code points: a cut surrogate pair would be invalid text for strict clients.
  return `mock answer: ${Array.from(question).slice(0, ANSWER_CHARS).join('')}`;
}

function roughTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function digest(...parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

/** Word-sized pieces for streaming; joined they give back the text exactly. */
function pieces(text: string): string[] {
  return (text.match(/\S*\s*/g) ?? []).filter((piece) => piece !== '');
}

/** A value that fits a JSON schema, so that structured-output parsers accept the answer. */
function sampleFor(schema: unknown, answer: string, root: unknown, depth = 0): unknown {
  if (!isObject(schema) || depth > 16) return null;
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref
      .replace(/^#\/?/, '')
      .split('/')
      .reduce<unknown>((node, key) => (isObject(node) && key !== '' ? node[key] : node), root);
    return sampleFor(target, answer, root, depth + 1);
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return sampleFor(alternatives[0], answer, root, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || isObject(schema.properties)) {
    const properties = isObject(schema.properties) ? Object.entries(schema.properties) : [];
    return Object.fromEntries(
      properties.map(([key, value]) => [key, sampleFor(value, answer, root, depth + 1)]),
    );
  }
  if (type === 'array') return [];
  if (type === 'number' || type === 'integer') return 0;
  if (type === 'boolean') return false;
  if (type === 'null') return null;
  return answer;
}

/** The answer shaped as the request's response format asks: plain text, a JSON object, or a schema's shape. */
function formatAnswer(answer: string, format: unknown): string {
  if (!isObject(format)) return answer;
  if (format.type === 'json_object') return JSON.stringify({ answer });
  if (format.type !== 'json_schema') return answer;
  // Chat nests the schema under json_schema; the Responses API puts it on the format itself.
  const schema = isObject(format.json_schema) ? format.json_schema.schema : format.schema;
  return JSON.stringify(isObject(schema) ? sampleFor(schema, answer, schema) : { answer });
}

function sseFrames(events: readonly unknown[]): string[] {
  return [...events.map((event) => `data: ${JSON.stringify(event)}\n\n`), 'data: [DONE]\n\n'];
}

function listModels(context: Context): Reply {
  const data = context.models.map((id) => ({
    id,
    object: 'model',
    created: CREATED,
    owned_by: 'stagebisect',
  }));
  return { json: { object: 'list', data } };
}

function retrieveModel(context: Context): Reply {
  if (!context.models.includes(context.param)) {
    throw new ApiError(404, `The model '${context.param}' does not exist`, 'model', 'model_not_found');
  }
  return { json: { id: context.param, object: 'model', created: CREATED, owned_by: 'stagebisect' } };
}

function chatCompletion(request: Json, context: Context): Reply {
  const model = requireModel(request);
  const messages = requireMessages(request);
  const n = choiceCount(request);
  const content = formatAnswer(answerFor(lastUserText(messages)), request.response_format);
  const prompt_tokens = roughTokens(
    messages.map((message) => textOf(isObject(message) ? message.content : '')).join(' '),
  );
  const completion_tokens = roughTokens(content) * n;
  const usage = { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
  const id = `chatcmpl-${context.id}`;
  const head = { id, created: CREATED, model, system_fingerprint: FINGERPRINT };
  const indexes = Array.from({ length: n }, (_, index) => index);
  if (request.stream !== true) {
    const choices = indexes.map((index) => ({
      index,
      message: { role: 'assistant', content, refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    }));
    return { json: { ...head, object: 'chat.completion', choices, usage } };
  }
  const chunk = (index: number, delta: Json, finish_reason: string | null): Json => ({
    ...head,
    object: 'chat.completion.chunk',
    choices: [{ index, delta, logprobs: null, finish_reason }],
  });
  const chunks = indexes.flatMap((index) => [
    chunk(index, { role: 'assistant', content: '' }, null),
    ...pieces(content).map((piece) => chunk(index, { content: piece }, null)),
    chunk(index, {}, 'stop'),
  ]);
  const streamOptions = request.stream_options;
  const withUsage = isObject(streamOptions) && streamOptions.include_usage === true;
  const usageChunk = { ...head, object: 'chat.completion.chunk', choices: [], usage };
  return { sse: sseFrames(withUsage ? [...chunks, usageChunk] : chunks) };
}

function legacyCompletion(request: Json, context: Context): Reply {
  const model = requireModel(request);
  const prompt = requireField(request, 'prompt');
  // One choice per prompt when given a list of strings, as the API does.
  const prompts = Array.isArray(prompt) && prompt.every((p) => typeof p === 'string') ? prompt : [prompt];
  const texts = prompts.map((p) => answerFor(typeof p === 'string' ? p : JSON.stringify(p)));
  const prompt_tokens = prompts.reduce<number>((sum, p) => sum + roughTokens(JSON.stringify(p)), 0);
  const completion_tokens = texts.reduce((sum, text) => sum + roughTokens(text), 0);
  const head = { id: `cmpl-${context.id}`, object: 'text_completion', created: CREATED, model };
  const choice = (index: number, text: string, finish_reason: string | null) => ({
    index,
    text,
    logprobs: null,
    finish_reason,
  });
  if (request.stream !== true) {
    const usage = { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
    return { json: { ...head, choices: texts.map((text, index) => choice(index, text, 'stop')), usage } };
  }
  const chunks = texts.flatMap((text, index) => [
    ...pieces(text).map((piece) => ({ ...head, choices: [choice(index, piece, null)] })),
    { ...head, choices: [choice(index, '', 'stop')] },
  ]);
  return { sse: sseFrames(chunks) };
}

function embeddingInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) {
    throw new ApiError(
      400,
      "Invalid 'input': expected a string or a non-empty array.",
      'input',
      'invalid_value',
    );
  }
  // A flat list of numbers is one tokenised input; otherwise each element is one input.
  if (input.every((item) => typeof item === 'number')) return [JSON.stringify(input)];
  return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

function embeddingDimensions(request: Json, model: string): number {
  const dimensions = request.dimensions ?? (model === 'text-embedding-3-large' ? 3072 : 1536);
  if (
    typeof dimensions !== 'number' ||
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > MAX_EMBEDDING_DIMENSIONS
  ) {
    const message = `Invalid 'dimensions': expected an integer from 1 to ${MAX_EMBEDDING_DIMENSIONS}.`;
    throw new ApiError(400, message, 'dimensions', 'invalid_value');
  }
  return dimensions;
}

/** A unit-length vector that depends only on the text: sha256 of the text, stretched by a block counter. */
function unitVector(text: string, dimensions: number): Float32Array {
  const raw = new Float64Array(dimensions);
  for (let block = 0; block * 8 < dimensions; block++) {
    const bytes = createHash('sha256').update(`${block}:${text}`).digest();
    for (let i = 0; i < 8 && block * 8 + i < dimensions; i++) {
      raw[block * 8 + i] = (bytes.readUInt32LE(i * 4) / 0xffffffff) * 2 - 1;
    }
  }
  const norm = Math.sqrt(raw.reduce((sum, value) => sum + value * value, 0));
  return Float32Array.from(raw, (value) => value / norm);
}

function float32Base64(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes.toString('base64');
}

function embeddings(request: Json): Reply {
  const model = requireModel(request);
  const inputs = embeddingInputs(requireField(request, 'input'));
  const dimensions = embeddingDimensions(request, model);
  const format = request.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    const message = "Invalid 'encoding_format': expected 'float' or 'base64'.";
    throw new ApiError(400, message, 'encoding_format', 'invalid_value');
  }
  const data = inputs.map((input, index) => {
    const vector = unitVector(input, dimensions);
    const embedding = format === 'base64' ? float32Base64(vector) : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce((sum, input) => sum + roughTokens(input), 0);
  return { json: { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } } };
}

function responseQuestion(input: unknown): string {
  if (typeof input === 'string') return input;
  return Array.isArray(input) ? lastUserText(input) : '';
}

interface ResponseState {
  readonly id: string;
  readonly model: string;
  readonly status: 'in_progress' | 'completed';
  readonly output: readonly unknown[];
  readonly usage: Json | null;
}

function responseObject(request: Json, state: ResponseState): Json {
  return {
    id: `resp_${state.id}`,
    object: 'response',
    created_at: CREATED,
    status: state.status,
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: state.model,
    output: state.output,
    parallel_tool_calls: true,
    previous_response_id: request.previous_response_id ?? null,
    temperature: request.temperature ?? 1,
    text: isObject(request.text) ? request.text : { format: { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: [],
    top_p: request.top_p ?? 1,
    truncation: 'disabled',
    usage: state.usage,
    metadata: isObject(request.metadata) ? request.metadata : {},
  };
}

function responses(request: Json, context: Context): Reply {
  const model = requireModel(request);
  const question = responseQuestion(requireField(request, 'input'));
  const text = formatAnswer(answerFor(question), isObject(request.text) ? request.text.format : undefined);
  const input_tokens = roughTokens(`${textOf(request.instructions)} ${question}`);
  const output_tokens = roughTokens(text);
  const usage = {
    input_tokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input_tokens + output_tokens,
  };
  const itemId = `msg_${context.id}`;
  const content = [{ type: 'output_text', text, annotations: [] }];
  const item = { id: itemId, type: 'message', status: 'completed', role: 'assistant', content };
  const state = { id: context.id, model, status: 'completed', output: [item], usage } as const;
  const final = responseObject(request, state);
  if (request.stream !== true) return { json: final };
  const started = responseObject(request, { ...state, status: 'in_progress', output: [], usage: null });
  return { sse: responseEvents(started, final, item) };
}

/** The event sequence the clients' stream helpers replay to rebuild the response. */
function responseEvents(
  started: Json,
  final: Json,
  item: { id: string; content: { text: string }[] },
): string[] {
  const { id: item_id } = item;
  const text = item.content[0]?.text ?? '';
  const part = { type: 'output_text', text: '', annotations: [] };
  const at = { item_id, output_index: 0, content_index: 0 };
  const events: Json[] = [
    { type: 'response.created', response: started },
    { type: 'response.in_progress', response: started },
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { id: item_id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
    },
    { type: 'response.content_part.added', ...at, part },
    ...pieces(text).map((delta) => ({ type: 'response.output_text.delta', ...at, delta })),
    { type: 'response.output_text.done', ...at, text },
    { type: 'response.content_part.done', ...at, part: { ...part, text } },
    { type: 'response.output_item.done', output_index: 0, item },
    { type: 'response.completed', response: final },
  ];
  return events.map(
    (event, sequence_number) =>
      `event: ${String(event.type)}\ndata: ${JSON.stringify({ ...event, sequence_number })}\n\n`,
  );
}

const ROUTES: readonly Route[] = [
  { endpoint: 'models.list', method: 'GET', path: /^\/v1\/models$/, handle: (_, c) => listModels(c) },
  {
    endpoint: 'models.retrieve',
    method: 'GET',
    path: /^\/v1\/models\/(.+)$/,
    handle: (_, c) => retrieveModel(c),
  },
  { endpoint: 'chat.completions', method: 'POST', path: /^\/v1\/chat\/completions$/, handle: chatCompletion },
  { endpoint: 'completions', method: 'POST', path: /^\/v1\/completions$/, handle: legacyCompletion },
  { endpoint: 'embeddings', method: 'POST', path: /^\/v1\/embeddings$/, handle: embeddings },
  { endpoint: 'responses', method: 'POST', path: /^\/v1\/responses$/, handle: responses },
];

function decodedParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, `Invalid URL escape in '${raw}'.`, null, 'invalid_url');
  }
}

async function readJson(request: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new ApiError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  // An empty body is read as {} so that the answer names the missing field instead of the syntax.
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(
      400,
      `We could not parse the JSON body of your request: ${reason}`,
      null,
      'invalid_json',
    );
  }
  if (!isObject(body))
    throw new ApiError(400, 'The request body must be a JSON object.', null, 'invalid_json');
  return body;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, error: ApiError): void {
  const type = error.status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(response, error.status, {
    error: { message: error.message, type, param: error.param, code: error.code },
  });
}

function sendReply(response: ServerResponse, reply: Reply): void {
  if ('json' in reply) return sendJson(response, 200, reply.json);
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  for (const frame of reply.sse) response.write(frame);
  response.end();
}

/** The bearer key of a request, or '' when it carries none. */
function bearerKey(request: IncomingMessage): string {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.*)$/i.exec(header.trim());
  return (match?.[1] ?? '').trim();
}

// The key itself is never echoed: logs and error bodies end up in reports.
function checkKey(request: IncomingMessage, options: LlmMockOptions): void {
  const key = bearerKey(request);
  if (key === '') {
    throw new ApiError(
      401,
      'You didn\'t provide an API key. Send it as "Authorization: Bearer <key>" (OpenAI clients read it from OPENAI_API_KEY); any non-empty key is accepted here.',
      null,
      'missing_api_key',
    );
  }
  if (!options.strictKey || options.apiKey === undefined || key === options.apiKey) return;
  throw new ApiError(
    401,
    'Incorrect API key provided. This mock runs with strict_key: send the key the run made up, ${services.llm.api_key}.',
    null,
    'invalid_api_key',
  );
}

/** The log line of a refused request; diagnosis reads it back (src/diagnose/llm-refusal.ts). */
export function refusalLine(
  method: string,
  path: string,
  error: { readonly status: number; readonly code: string | null; readonly message: string },
): string {
  return `${method} ${path} ${error.status} refused (${error.code ?? 'error'}): ${error.message}`;
}

/** The mock as an unstarted HTTP server; call `server.listen(port)` to serve. */
export function createLlmMock(options: LlmMockOptions = {}): LlmMock {
  const models = [...new Set([...USUAL_MODELS, ...(options.model ? [options.model] : [])])];
  const byEndpoint: Record<string, number> = {};
  let rejected = 0;
  const calls = (): LlmMockCalls => ({
    total: Object.values(byEndpoint).reduce((sum, count) => sum + count, 0),
    byEndpoint: { ...byEndpoint },
    rejected,
  });

  /** Serves one request; a refused one is told to `refused` before its answer is sent. */
  async function serve(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    refused: (error: ApiError) => void,
  ): Promise<void> {
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/health') return void response.writeHead(200, PLAIN).end('ok');
    if (method === 'GET' && path === '/__stagebisect/calls') return sendJson(response, 200, calls());
    try {
      if (path === '/v1' || path.startsWith('/v1/')) checkKey(request, options);
      const route = ROUTES.find((candidate) => candidate.method === method && candidate.path.test(path));
      if (!route) throw new ApiError(404, `Invalid URL (${method} ${path})`, null, 'unknown_url');
      const body = route.method === 'POST' ? await readJson(request) : {};
      const param = decodedParam(route.path.exec(path)?.[1] ?? '');
      sendReply(response, route.handle(body, { id: digest(route.endpoint, body), param, models }));
      byEndpoint[route.endpoint] = (byEndpoint[route.endpoint] ?? 0) + 1;
    } catch (error) {
      rejected++;
      const reason = error instanceof Error ? error.message : String(error);
      const refusal = error instanceof ApiError ? error : new ApiError(500, `The llm mock failed: ${reason}`);
      refused(refusal);
      sendError(response, refusal);
    }
  }

  const server = createServer((request, response) => {
    // Split by hand rather than with new URL(): a strange request line must not throw here, outside serve().
    const path = (request.url ?? '/').split('?')[0]!.replace(/(.)\/+$/, '$1');
    const method = request.method ?? 'GET';
    let refusal: ApiError | undefined;
    response.on('finish', () =>
      options.log?.(
        refusal ? refusalLine(method, path, refusal) : `${method} ${path} ${response.statusCode}`,
      ),
    );
    void serve(request, response, path, (error) => (refusal = error));
  });
  return { server, calls };
}

function isMain(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

function main(): void {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`llm mock: PORT must be a port number, got '${process.env.PORT}'.`);
    process.exit(2);
  }
  const apiKey = process.env.LLM_MOCK_API_KEY || undefined;
  const strictKey = process.env.LLM_MOCK_STRICT_KEY === '1' && apiKey !== undefined;
  const { server } = createLlmMock({
    apiKey,
    strictKey,
    model: process.env.LLM_MOCK_MODEL || undefined,
    log: console.log,
  });
  server.on('error', (error) => {
    console.error(`llm mock could not listen on 0.0.0.0:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, '0.0.0.0', () => {
    const keys = strictKey ? "only the run's own API key" : 'any non-empty API key';
    console.log(`llm mock listening on 0.0.0.0:${port}, accepting ${keys}`);
  });
  const stop = (signal: string): void => {
    console.log(`llm mock stopping on ${signal}`);
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; a container stop should not wait for them.
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (isMain()) main();
