/**
 * A local OpenAI-compatible HTTP server for tests and the e2e suite. It speaks the real wire format
 * (JSON and SSE streaming), records every request, can be scripted per route, can inject failures,
 * and answers unscripted requests with a deterministic fake model (see openaiFakeModel.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  chatCompletionBody, chatStreamChunks, completionBody, completionStreamChunks, defaultChatReply,
  defaultCompletionReply, embeddingBody, type ChatRequestBody,
} from './openaiFakeModel';
import { createFineTuneStore, parseMultipart, type UploadedPart } from './openaiFakeFiles';

export type Route = 'chat' | 'completions' | 'embeddings' | 'models' | 'files' | 'fineTuningCreate' | 'fineTuningGet';

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-case header names, as received (Authorization included: tests assert it). */
  headers: Record<string, string>;
  rawBody: string;
  /** Parsed JSON body (undefined for GET or non-JSON bodies). */
  body: unknown;
  route: Route | undefined;
}

/**
 * What a scripted handler returns. For `chat` and `completions`, `text` is wrapped in the right
 * response shape (streamed as SSE when the request asked for `stream: true`). `json` is sent as is,
 * `raw` is sent verbatim (for malformed bodies), `status` ≠ 200 makes an error response.
 */
export interface HandlerReply {
  text?: string;
  finishReason?: string;
  json?: unknown;
  raw?: string;
  status?: number;
  headers?: Record<string, string>;
  delayMs?: number;
}
export type Handler = (req: RecordedRequest) => HandlerReply | string | Promise<HandlerReply | string>;

export interface FailureSpec {
  status: number;
  /** How many requests fail before the route recovers. Default 1. */
  times?: number;
  /** Response body; default an OpenAI-style `{ error: { message, type, code } }`. A string is sent raw. */
  body?: unknown;
  delayMs?: number;
  /** Sets the `retry-after` header (seconds). */
  retryAfter?: number;
}

export interface OpenAIServerOptions {
  /** Dimensions of the deterministic embedding vectors (default 32; a request's `dimensions` wins). */
  embeddingDims?: number;
  /** Model ids listed by GET /v1/models. */
  models?: string[];
  /** Accepted API key; when set, any other Authorization is answered 401. */
  apiKey?: string;
  /** Port to listen on (default 0 = any free port). */
  port?: number;
}

export interface OpenAIServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Files uploaded through POST /v1/files, by id. */
  files: ReadonlyMap<string, UploadedPart & { id: string }>;
  setHandler(route: Route, fn: Handler | undefined): void;
  fail(route: Route, spec: FailureSpec): void;
  /** Forgets recorded requests, handlers and pending failures. */
  reset(): void;
  close(): Promise<void>;
}

const ROUTES: Array<{ method: string; pattern: RegExp; route: Route }> = [
  { method: 'POST', pattern: /^\/v1\/chat\/completions$/, route: 'chat' },
  { method: 'POST', pattern: /^\/v1\/completions$/, route: 'completions' },
  { method: 'POST', pattern: /^\/v1\/embeddings$/, route: 'embeddings' },
  { method: 'GET', pattern: /^\/v1\/models$/, route: 'models' },
  { method: 'POST', pattern: /^\/v1\/files$/, route: 'files' },
  { method: 'POST', pattern: /^\/v1\/fine_tuning\/jobs$/, route: 'fineTuningCreate' },
  { method: 'GET', pattern: /^\/v1\/fine_tuning\/jobs\/[^/]+$/, route: 'fineTuningGet' },
];

const STATUS_TEXT: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'Bad request'],
  401: ['invalid_request_error', 'Incorrect API key provided'],
  404: ['invalid_request_error', 'The model does not exist or you do not have access to it'],
  429: ['rate_limit_error', 'Rate limit reached, please try again later'],
  500: ['server_error', 'The server had an error while processing your request'],
  503: ['server_error', 'The server is overloaded or not ready yet'],
};

function errorBody(status: number, message?: string): unknown {
  const [type, text] = STATUS_TEXT[status] ?? ['server_error', `HTTP ${status}`];
  return { error: { message: message ?? text, type, param: null, code: status === 404 ? 'model_not_found' : null } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const requests: RecordedRequest[] = [];
  const handlers = new Map<Route, Handler>();
  const failures = new Map<Route, FailureSpec[]>();
  const fineTunes = createFineTuneStore();
  const models = options.models ?? ['fake-chat', 'fake-review', 'fake-coder', 'fake-embed'];

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody(500, `fixture error: ${String(err)}`));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    const route = ROUTES.find((r) => r.method === method && r.pattern.test(path))?.route;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : (v ?? '');
    let body: unknown;
    if ((headers['content-type'] ?? '').includes('application/json') && rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch (err) {
        body = undefined;
        requests.push({ method, path, headers, rawBody, body, route });
        send(res, 400, errorBody(400, `invalid JSON body: ${String(err)}`));
        return;
      }
    }
    const recorded: RecordedRequest = { method, path, headers, rawBody, body, route };
    requests.push(recorded);
    if (!route) return send(res, 404, errorBody(404, `Unknown route ${method} ${path}`));

    const pending = failures.get(route);
    if (pending && pending.length > 0) {
      const spec = pending[0]!;
      spec.times = (spec.times ?? 1) - 1;
      if (spec.times <= 0) pending.shift();
      if (spec.delayMs) await sleep(spec.delayMs);
      const extra: Record<string, string> = spec.retryAfter !== undefined ? { 'retry-after': String(spec.retryAfter) } : {};
      if (typeof spec.body === 'string') return sendRaw(res, spec.status, spec.body, extra);
      return send(res, spec.status, spec.body ?? errorBody(spec.status), extra);
    }
    if (options.apiKey !== undefined && headers.authorization !== `Bearer ${options.apiKey}`) {
      const given = (headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      // Like some real servers, echo the key it rejected: the client must keep it out of its messages.
      return send(res, 401, errorBody(401, `Incorrect API key provided: ${given}`));
    }

    const custom = handlers.get(route);
    const reply = custom ? normalize(await custom(recorded)) : undefined;
    if (reply?.delayMs) await sleep(reply.delayMs);
    if (reply?.status && reply.status !== 200) {
      if (reply.raw !== undefined) return sendRaw(res, reply.status, reply.raw, reply.headers);
      return send(res, reply.status, reply.json ?? errorBody(reply.status), reply.headers);
    }
    if (reply?.raw !== undefined) return sendRaw(res, 200, reply.raw, { 'content-type': 'application/json', ...reply.headers });
    if (reply?.json !== undefined) return send(res, 200, reply.json, reply.headers);
    return respondDefault(route, recorded, reply, res);
  }

  function respondDefault(route: Route, req: RecordedRequest, reply: HandlerReply | undefined, res: ServerResponse): void {
    const b = (req.body ?? {}) as Record<string, unknown>;
    switch (route) {
      case 'chat': {
        const chat = b as unknown as ChatRequestBody;
        const text = reply?.text ?? defaultChatReply(chat);
        if (b.stream === true) return sendSse(res, chatStreamChunks(String(b.model), text, reply?.finishReason));
        return send(res, 200, chatCompletionBody(String(b.model), text, reply?.finishReason));
      }
      case 'completions': {
        const text = reply?.text ?? defaultCompletionReply(String(b.prompt ?? ''));
        if (b.stream === true) return sendSse(res, completionStreamChunks(String(b.model), text));
        return send(res, 200, completionBody(String(b.model), text));
      }
      case 'embeddings': {
        const dims = typeof b.dimensions === 'number' ? b.dimensions : (options.embeddingDims ?? 32);
        return send(res, 200, embeddingBody(String(b.model), b.input, dims, b.encoding_format === 'base64'));
      }
      case 'models':
        return send(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fixture' })) });
      case 'files': {
        const part = parseMultipart(req.rawBody, req.headers['content-type'] ?? '');
        return send(res, 200, fineTunes.addFile(part));
      }
      case 'fineTuningCreate':
        return send(res, 200, fineTunes.createJob(b));
      case 'fineTuningGet': {
        const job = fineTunes.poll(req.path.split('/').pop()!);
        return job ? send(res, 200, job) : send(res, 404, errorBody(404, 'No such fine-tuning job'));
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    files: fineTunes.files,
    setHandler(route, fn) {
      if (fn) handlers.set(route, fn);
      else handlers.delete(route);
    },
    fail(route, spec) {
      const list = failures.get(route) ?? [];
      list.push({ ...spec });
      failures.set(route, list);
    },
    reset() {
      requests.length = 0;
      handlers.clear();
      failures.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function normalize(reply: HandlerReply | string): HandlerReply {
  return typeof reply === 'string' ? { text: reply } : reply;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  sendRaw(res, status, JSON.stringify(json), { 'content-type': 'application/json', ...headers });
}

function sendRaw(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

function sendSse(res: ServerResponse, chunks: unknown[]): void {
  if (res.destroyed) return;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const chunk of chunks) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  res.end('data: [DONE]\n\n');
}
