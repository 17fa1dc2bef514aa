import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/log';
import { createModelClient } from '../../../src/core/model/client';
import { resolveModel } from '../../../src/core/model/resolve';
import { parseConfig } from '../../../src/core/config';
import { termsOf } from '../../../src/core/terms';
import { testEngine, type TestEngine } from '../../support/engine';
import { startOpenAIServer, type OpenAIServer, type RecordedRequest } from '../../support/openaiServer';
import { tempDir, writeTree } from '../../support/tmp';

const DIMS = 64;
/** A tiny "semantic" embedder: hashed bag of words after a synonym table, so purchase ≈ order. */
const SYNONYMS: Record<string, string> = { purchase: 'order', purchases: 'order', buy: 'order', cost: 'total', price: 'total' };
function embedText(text: string): number[] {
  const v = new Array<number>(DIMS).fill(0);
  for (const t of termsOf(text)) {
    const w = SYNONYMS[t] ?? t;
    let h = 0;
    for (const ch of w) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    v[h % DIMS]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
function embeddingReply(req: RecordedRequest) {
  const body = req.body as { input: string[] | string; model: string };
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  return { json: { object: 'list', model: body.model, data: inputs.map((s, index) => ({ object: 'embedding', index, embedding: embedText(s) })), usage: { prompt_tokens: 1, total_tokens: 1 } } };
}

let server: OpenAIServer;
let ws: ReturnType<typeof tempDir>;
let t: TestEngine | undefined;

beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(async () => server.close());
beforeEach(() => {
  server.reset();
  server.setHandler('embeddings', embeddingReply);
  ws = tempDir('gw-emb-');
  const files: Record<string, string> = {
    'src/orders.ts': 'export class OrderService {\n  placeOrder(customer: string) {\n    return { customer };\n  }\n}\n',
    'src/tax.ts': 'export function vatRate(country: string): number {\n  return country === "DE" ? 0.19 : 0.2;\n}\n',
  };
  for (let i = 0; i < 70; i++) files[`src/gen/f${i}.ts`] = `export function helper${i}(x: number) {\n  return x + ${i};\n}\n`;
  writeTree(ws.dir, files);
});
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
  ws.cleanup();
});

function client(model = 'embed-small') {
  const config = parseConfig({ 'models.embedding': { baseUrl: server.url, model } });
  return createModelClient(resolveModel(config, 'embedding'), { logger: silentLogger, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
}
const embedded = () => server.requests.filter((r) => r.route === 'embeddings').flatMap((r) => (r.body as { input: string[] }).input);

describe('dense retrieval through an OpenAI-compatible /v1/embeddings', () => {
  it('embeds every chunk in batches, then never again while chunks are unchanged', async () => {
    t = await testEngine(ws.dir, undefined, { embeddings: client() });
    await t.engine.index();
    const counts = await t.engine.counts();
    const batches = server.requests.filter((r) => r.route === 'embeddings');
    expect(embedded()).toHaveLength(counts.chunks);
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.every((b) => (b.body as { input: string[] }).input.length <= 64)).toBe(true);

    server.reset();
    server.setHandler('embeddings', embeddingReply);
    await t.engine.index();
    expect(embedded()).toHaveLength(0);

    writeFileSync(path.join(ws.dir, 'src/tax.ts'), 'export function vatRate(country: string): number {\n  return 0.21;\n}\n');
    await t.engine.index();
    expect(embedded()).toHaveLength(1);
    expect(embedded()[0]).toContain('return 0.21');
  });

  it('re-embeds everything when the embedding model changes', async () => {
    t = await testEngine(ws.dir, undefined, { embeddings: client('embed-small') });
    await t.engine.index();
    const n = (await t.engine.counts()).chunks;
    await t.cleanup();
    t = await testEngine(ws.dir, undefined, { embeddings: client('embed-large') });
    server.reset();
    server.setHandler('embeddings', embeddingReply);
    await t.engine.index();
    expect(embedded()).toHaveLength(n);
    expect(server.requests.every((r) => (r.body as { model: string }).model === 'embed-large')).toBe(true);
  });

  it('retries 429 and 5xx while embedding', async () => {
    server.fail('embeddings', { status: 429, times: 1, retryAfter: 0 });
    t = await testEngine(ws.dir, undefined, { embeddings: client() });
    server.fail('embeddings', { status: 503, times: 1 });
    await t.engine.index();
    expect(embedded().length).toBeGreaterThanOrEqual((await t.engine.counts()).chunks);
  });

  it('adds a vector list that finds code a query shares no words with, and degrades to lexical when the endpoint fails', async () => {
    t = await testEngine(ws.dir, undefined, { embeddings: client() });
    await t.engine.index();
    const r = await t.engine.retriever.retrieve({ query: 'purchase', includeStandards: false });
    expect(r.chunks[0]).toMatchObject({ path: 'src/orders.ts' });
    expect(r.chunks[0]!.reasons).toContain('vector');

    server.fail('embeddings', { status: 500, times: 100 });
    const lexical = await t.engine.retriever.retrieve({ query: 'vatRate', includeStandards: false });
    expect(lexical.chunks[0]).toMatchObject({ path: 'src/tax.ts', symbol: 'vatRate' });
  });
});
