/**
 * The chat host logic (ChatSession) against real components: the fixture workspace indexed in a
 * temp LanceDB, the real retriever and prompt builder, the OpenAI SDK client against the local
 * OpenAI-compatible server. Only the UI edges are fakes: a Memento-like store and a postMessage sink.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatTurn, HostMessage, SelectionRef } from '../../../src/core/chat/protocol';
import { HISTORY_KEY, type KeyValueStore } from '../../../src/core/chat/history';
import { ChatSession, type ChatActions, type ChatEnvironment } from '../../../src/core/chat/session';
import { defaultConfig } from '../../../src/core/config';
import { ConfigError } from '../../../src/core/errors';
import type { Logger } from '../../../src/core/log';
import { createModelClient } from '../../../src/core/model/client';
import { testEngine, type TestEngine } from '../../support/engine';
import { startOpenAIServer, type OpenAIServer } from '../../support/openaiServer';

const WORKSPACE = path.resolve(__dirname, '../../fixtures/workspace');
let server: OpenAIServer;
let engine: TestEngine;

class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

interface Harness {
  session: ChatSession;
  posted: HostMessage[];
  logs: string[];
  actions: string[];
  store: MemoryStore;
  /** Resolves with the first posted message of `type` for which `when` holds. */
  next(type: HostMessage['type'], when?: (m: HostMessage) => boolean): Promise<HostMessage>;
}

function harness(options: { store?: MemoryStore; noModel?: boolean } = {}): Harness {
  const posted: HostMessage[] = [];
  const logs: string[] = [];
  const actions: string[] = [];
  const waiters: Array<{ type: string; when: (m: HostMessage) => boolean; resolve: (m: HostMessage) => void }> = [];
  const store = options.store ?? new MemoryStore();
  const logger: Logger = {
    debug: (m) => logs.push(`debug ${m}`),
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m, err) => logs.push(`error ${m} ${String(err)}`),
  };
  const record = (name: string) => async (arg?: unknown) => void actions.push(`${name} ${JSON.stringify(arg ?? null)}`);
  const chatActions: ChatActions = {
    openSource: record('openSource'), openLink: record('openLink'), copy: record('copy'), insert: record('insert'),
    configureModel: record('configureModel'), showLogs: () => void actions.push('showLogs'),
  };
  const env: ChatEnvironment = {
    logger,
    config: defaultConfig,
    store,
    retriever: async () => engine.engine.retriever,
    modelClient: async (role) => {
      if (options.noModel) throw new ConfigError('No endpoint is configured for the chat model.', 'groundwork.models.chat');
      return createModelClient(
        { role, baseUrl: server.url, model: `fake-${role}`, temperature: 0, maxTokens: 512, timeoutMs: 5000 },
        { logger, retry: { retries: 0 } },
      );
    },
    modelConfigured: () => !options.noModel,
    readSelection: async (ref: SelectionRef) => {
      const fileText = readFileSync(path.join(WORKSPACE, ref.path), 'utf8');
      const text = fileText.split('\n').slice(ref.startLine - 1, ref.endLine).join('\n');
      return { ...ref, language: 'typescript', text, fileText };
    },
    actions: chatActions,
  };
  const session = new ChatSession(env);
  session.attach((m) => {
    posted.push(m);
    for (const w of [...waiters]) {
      if (w.type === m.type && w.when(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  return {
    session, posted, logs, actions, store,
    next: (type, when = () => true) => new Promise((resolve) => waiters.push({ type, when, resolve })),
  };
}

const ofType = <K extends HostMessage['type']>(posted: HostMessage[], type: K) =>
  posted.filter((m): m is Extract<HostMessage, { type: K }> => m.type === type);
const answerOf = (posted: HostMessage[], requestId: string) =>
  ofType(posted, 'chat/chunk').filter((m) => m.requestId === requestId).map((m) => m.text).join('');
const storedTurns = (store: MemoryStore) => (store.get<ChatTurn[]>(HISTORY_KEY) ?? []);

beforeAll(async () => {
  server = await startOpenAIServer();
  engine = await testEngine(WORKSPACE);
  await engine.engine.index();
}, 120_000);
afterAll(async () => {
  await engine?.cleanup();
  await server?.close();
});
beforeEach(() => server.reset());

describe('chat session (host logic)', () => {
  it('says nothing before the ready handshake, then sends the state', async () => {
    const h = harness();
    h.session.setSelection({ path: 'src/orders/pricing.ts', startLine: 4, endLine: 8 });
    expect(h.posted).toEqual([]);
    await h.session.handle({ type: 'ready' });
    expect(h.posted).toEqual([
      { type: 'chat/state', turns: [], selection: { path: 'src/orders/pricing.ts', startLine: 4, endLine: 8 }, modelConfigured: true },
    ]);
  });

  it('streams a grounded answer with numbered sources and keeps it in the workspace history', async () => {
    const h = harness();
    await h.session.handle({ type: 'ready' });
    const reply = 'The total is computed by `orderTotal` [1]: it sums the lines and applies the coupon.\n\n- See [1].';
    server.setHandler('chat', () => reply);
    await h.session.handle({ type: 'chat/send', requestId: 'q1', text: 'How is the order total computed with a coupon?', selection: null });

    const types = h.posted.map((m) => m.type);
    expect(types[1]).toBe('chat/started');
    expect(types[2]).toBe('chat/sources');
    expect(types.at(-1)).toBe('chat/done');
    expect(ofType(h.posted, 'chat/chunk').length).toBeGreaterThan(2); // really streamed
    expect(answerOf(h.posted, 'q1')).toBe(reply);
    const sources = ofType(h.posted, 'chat/sources')[0]!;
    expect(sources.thin).toBe(false);
    expect(sources.sources.map((s) => s.label)).toContainEqual(expect.stringMatching(/^src\/orders\/pricing\.ts:\d+-\d+$/));
    expect(sources.sources.map((s) => s.n)).toEqual(sources.sources.map((_, i) => i + 1));
    expect(ofType(h.posted, 'chat/done')[0]).toEqual({ type: 'chat/done', requestId: 'q1', status: 'done' });

    const body = server.requests[0]!.body as { stream: boolean; messages: Array<{ role: string; content: string }> };
    expect(body.stream).toBe(true);
    const user = body.messages.at(-1)!.content;
    expect(user).toContain('[1] ');
    expect(user).toContain(sources.sources[0]!.label);
    expect(user.trimEnd().endsWith('How is the order total computed with a coupon?')).toBe(true);

    const [turn] = storedTurns(h.store);
    expect(turn).toMatchObject({ id: 'q1', status: 'done', answer: reply, thin: false });
    expect(turn!.sources).toEqual(sources.sources);
  });

  it('stops mid-stream when the panel aborts the request by id', async () => {
    const h = harness();
    await h.session.handle({ type: 'ready' });
    const long = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    server.setHandler('chat', () => long);
    const firstChunk = h.next('chat/chunk');
    const running = h.session.handle({ type: 'chat/send', requestId: 'q2', text: 'Explain how payments are charged', selection: null });
    await firstChunk;
    await h.session.handle({ type: 'chat/abort', requestId: 'other' }); // another id: ignored
    await h.session.handle({ type: 'chat/abort', requestId: 'q2' });
    await running;

    expect(ofType(h.posted, 'chat/done')).toEqual([{ type: 'chat/done', requestId: 'q2', status: 'stopped' }]);
    expect(ofType(h.posted, 'chat/error')).toEqual([]);
    const partial = answerOf(h.posted, 'q2');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(long.length);
    expect(storedTurns(h.store)[0]).toMatchObject({ id: 'q2', status: 'stopped', answer: partial });
  });

  it('shows model errors in the panel as an error message with the right action', async () => {
    const h = harness();
    await h.session.handle({ type: 'ready' });
    server.fail('chat', { status: 401 });
    await h.session.handle({ type: 'chat/send', requestId: 'q3', text: 'Where is the payment client?', selection: null });
    const [error] = ofType(h.posted, 'chat/error');
    expect(error).toMatchObject({ requestId: 'q3', action: 'showLogs' });
    expect(error!.message).toMatch(/401|API key|rejected|unauthori/i);
    expect(ofType(h.posted, 'chat/done')).toEqual([]);
    expect(storedTurns(h.store)[0]).toMatchObject({ id: 'q3', status: 'error', error: error!.message });

    await h.session.handle({ type: 'chat/send', requestId: 'q4', text: '/deploy', selection: null });
    expect(ofType(h.posted, 'chat/error').at(-1)).toMatchObject({ requestId: 'q4', message: expect.stringContaining('Unknown command /deploy') });
  });

  it('restores the history in a new session (a reload) and sends earlier turns with the next question', async () => {
    const store = new MemoryStore();
    const first = harness({ store });
    await first.session.handle({ type: 'ready' });
    server.setHandler('chat', () => 'orderTotal is in pricing.ts [1].');
    await first.session.handle({ type: 'chat/send', requestId: 'h1', text: 'Where is orderTotal?', selection: null });
    first.session.dispose();

    const second = harness({ store });
    await second.session.handle({ type: 'ready' });
    const state = ofType(second.posted, 'chat/state')[0]!;
    expect(state.turns.map((t) => [t.id, t.question, t.answer, t.status])).toEqual([['h1', 'Where is orderTotal?', 'orderTotal is in pricing.ts [1].', 'done']]);
    expect(state.turns[0]!.sources.length).toBeGreaterThan(0);

    await second.session.handle({ type: 'chat/send', requestId: 'h2', text: 'And what does vatShare return?', selection: null });
    const messages = (server.requests.at(-1)!.body as { messages: Array<{ role: string; content: string }> }).messages;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[2]!.content).toBe('orderTotal is in pricing.ts [1].');
    expect(storedTurns(store).map((t) => t.id)).toEqual(['h1', 'h2']);

    await second.session.handle({ type: 'chat/new' });
    expect(storedTurns(store)).toEqual([]);
    expect(ofType(second.posted, 'chat/state').at(-1)!.turns).toEqual([]);
  });

  it('answers with the retrieved sources and a configure-model action when no model is configured', async () => {
    const h = harness({ noModel: true });
    await h.session.handle({ type: 'ready' });
    expect(ofType(h.posted, 'chat/state')[0]!.modelConfigured).toBe(false);
    await h.session.handle({ type: 'chat/send', requestId: 'n1', text: 'How is the order total computed?', selection: null });
    expect(server.requests).toEqual([]);
    expect(ofType(h.posted, 'chat/sources')[0]!.sources.length).toBeGreaterThan(0);
    expect(answerOf(h.posted, 'n1')).toMatch(/No chat model is available/);
    expect(ofType(h.posted, 'chat/done')[0]).toEqual({ type: 'chat/done', requestId: 'n1', status: 'done', needsModel: true });
    await h.session.handle({ type: 'model/configure' });
    expect(h.actions).toEqual(['configureModel null']);
  });

  it('/search lists sources without a model; a question the codebase does not cover is marked thin', async () => {
    const h = harness();
    await h.session.handle({ type: 'ready' });
    await h.session.handle({ type: 'chat/send', requestId: 's1', text: '/search reserve stock', selection: null });
    expect(server.requests).toEqual([]);
    const found = ofType(h.posted, 'chat/sources')[0]!;
    expect(found.sources.some((s) => s.path === 'inventory/reservations.go')).toBe(true);
    expect(answerOf(h.posted, 's1')).toMatch(/^Found \d+ sources?/);

    await h.session.handle({ type: 'chat/send', requestId: 's2', text: '/search quantum chromodynamics lattice gauge', selection: null });
    expect(ofType(h.posted, 'chat/sources').at(-1)).toMatchObject({ requestId: 's2', thin: true, sources: [] });
    expect(answerOf(h.posted, 's2')).toMatch(/The codebase does not show it/);
  });

  it('/review sends the attached selection through the review pipeline', async () => {
    const h = harness();
    await h.session.handle({ type: 'ready' });
    const selection = { path: 'src/orders/pricing.ts', startLine: 10, endLine: 15 };
    await h.session.handle({ type: 'chat/send', requestId: 'v1', text: '/review', selection });
    const answer = answerOf(h.posted, 'v1');
    expect(answer).toContain('**Review of `src/orders/pricing.ts` lines 10-15**');
    expect(answer).toMatch(/\*\*warning\*\* · \w+ · line 10:/);
    const body = server.requests[0]!.body as { messages: Array<{ content: string }>; model: string };
    expect(body.model).toBe('fake-review');
    expect(body.messages.map((m) => m.content).join('\n')).toContain('Review lines 10-15 of src/orders/pricing.ts');

    await h.session.handle({ type: 'chat/send', requestId: 'v2', text: '/review', selection: null });
    expect(ofType(h.posted, 'chat/error').at(-1)).toMatchObject({ requestId: 'v2', message: expect.stringContaining('Select the code to review') });
  });

  it('/explain sends the selection as the subject with its definitions as sources', async () => {
    const h = harness();
    await h.session.handle({ type: 'ready' });
    server.setHandler('chat', () => 'It adds up the order lines [1].');
    await h.session.handle({ type: 'chat/send', requestId: 'e1', text: '/explain', selection: { path: 'src/orders/pricing.ts', startLine: 4, endLine: 8 } });
    const prompt = (server.requests[0]!.body as { messages: Array<{ role: string; content: string }> }).messages;
    expect(prompt[0]!.content).toMatch(/Explain the given code/);
    expect(prompt.at(-1)!.content).toContain('selected code src/orders/pricing.ts:4-8');
    expect(prompt.at(-1)!.content).toContain('export function orderTotal');
    expect(ofType(h.posted, 'chat/done')[0]).toMatchObject({ requestId: 'e1', status: 'done' });
  });

  it('rejects malformed panel messages without acting on them', async () => {
    const h = harness();
    await h.session.handle({ type: 'ready' });
    await h.session.handle({ type: 'source/open', path: 'src/a.ts', startLine: -1 });
    await h.session.handle({ type: 'code/insert', code: 42 });
    await h.session.handle({ type: 'link/open', url: 'javascript:alert(1)' });
    await h.session.handle({ type: 'nope' });
    expect(h.actions).toEqual([]);
    expect(h.logs.filter((l) => l.startsWith('warn'))).toHaveLength(4);
    await h.session.handle({ type: 'source/open', path: 'src/orders/pricing.ts', startLine: 4, endLine: 8 });
    expect(h.actions).toEqual(['openSource {"path":"src/orders/pricing.ts","startLine":4,"endLine":8}']);
  });
});
