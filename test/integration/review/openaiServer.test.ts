/** The test server itself: wire format, recording, failure injection, files and fine-tuning jobs. */
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeEmbedding } from '../../support/openaiFakeModel';
import { startOpenAIServer, type OpenAIServer } from '../../support/openaiServer';

let server: OpenAIServer;
let sdk: OpenAI;
beforeAll(async () => {
  server = await startOpenAIServer({ embeddingDims: 12 });
  sdk = new OpenAI({ apiKey: 'sk-fixture', baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('openaiServer fixture', () => {
  it('streams chat as SSE data chunks ending with [DONE]', async () => {
    server.setHandler('chat', () => 'hello streaming world');
    const res = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const text = await res.text();
    const events = text.split('\n\n').filter(Boolean);
    expect(events.every((e) => e.startsWith('data: '))).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
    const deltas = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)) as { choices: Array<{ delta: { content?: string } }> });
    expect(deltas.map((d) => d.choices[0]!.delta.content ?? '').join('')).toBe('hello streaming world');
  });

  it('answers FIM completions streamed and not, and embeddings as floats or base64', async () => {
    const plain = await sdk.completions.create({ model: 'c', prompt: 'def f():\n    ', suffix: '\n' });
    expect(plain.choices[0]!.text).toBe('return result');
    const stream = await sdk.completions.create({ model: 'c', prompt: 'x', stream: true });
    let streamed = '';
    for await (const part of stream) streamed += part.choices[0]!.text;
    expect(streamed).toBe('return result;');
    const base64 = await sdk.embeddings.create({ model: 'e', input: ['one', 'two'] }); // the SDK asks for base64
    expect(base64.data[1]!.embedding[3]).toBeCloseTo(fakeEmbedding('two', 12)[3]!, 5);
    const floats = await sdk.embeddings.create({ model: 'e', input: 'one', encoding_format: 'float', dimensions: 4 });
    expect(floats.data[0]!.embedding).toHaveLength(4);
  });

  it('records requests with headers and injects failures a limited number of times', async () => {
    server.fail('models', { status: 503, times: 2, retryAfter: 1 });
    const first = await fetch(`${server.url}/models`, { headers: { authorization: 'Bearer abc' } });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await fetch(`${server.url}/models`)).status).toBe(503);
    const third = await fetch(`${server.url}/models`);
    expect(third.status).toBe(200);
    expect(server.requests.map((r) => [r.method, r.path, r.route])).toEqual([
      ['GET', '/v1/models', 'models'], ['GET', '/v1/models', 'models'], ['GET', '/v1/models', 'models'],
    ]);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer abc');
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('uploads files and runs a fine-tuning job queued → running → succeeded', async () => {
    const jsonl = '{"messages":[{"role":"user","content":"hi"}]}\n';
    const file = await sdk.files.create({ file: await toFile(Buffer.from(jsonl), 'train.jsonl'), purpose: 'fine-tune' });
    expect(file).toMatchObject({ id: 'file-1', purpose: 'fine-tune', filename: 'train.jsonl' });
    expect(server.files.get('file-1')!.content).toBe(jsonl);
    const job = await sdk.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, suffix: 'team' });
    expect(job.status).toBe('queued');
    const statuses: string[] = [];
    let last = job;
    for (let i = 0; i < 3; i++) {
      last = await sdk.fineTuning.jobs.retrieve(job.id);
      statuses.push(last.status);
    }
    expect(statuses).toEqual(['running', 'succeeded', 'succeeded']);
    expect(last.fine_tuned_model).toBe(`ft:gpt-4o-mini:groundwork:team:${job.id}`);
    expect(server.requests.find((r) => r.route === 'fineTuningCreate')!.body).toMatchObject({ training_file: 'file-1' });
  });

  it('sends malformed bodies and delays when told to', async () => {
    server.setHandler('chat', () => ({ raw: '{"choices": [' }));
    const res = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await res.text()).toBe('{"choices": [');
    server.setHandler('chat', undefined);
    server.fail('chat', { status: 500, delayMs: 150 });
    const started = Date.now();
    const slow = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(slow.status).toBe(500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(((await slow.json()) as { error: { type: string } }).error.type).toBe('server_error');
  });
});
