import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InlineCompleter, type CompleterDeps } from '../../../src/core/complete/completer';
import { IndexContextSource } from '../../../src/core/complete/context';
import type { CompletionRequest } from '../../../src/core/complete/types';
import { parseConfig, type Config, type RawSettings } from '../../../src/core/config';
import type { Logger } from '../../../src/core/log';
import { createModelClient } from '../../../src/core/model/client';
import type { ModelClient } from '../../../src/core/model/types';
import { isSecretFile } from '../../../src/core/safety';
import { testEngine, type TestEngine } from '../../support/engine';
import { startOpenAIServer, type OpenAIServer } from '../../support/openaiServer';
import { tempDir, writeTree } from '../../support/tmp';

const MONEY = `/** Amounts are integers in cents. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}
`;
const CART = `import { toCents } from './money';

export function lineTotal(item: Item): number {
  return item.quantity;
}
`;
const STANDARDS = `# Style

## Money

Represent amounts in minor units (integers); never use floating point for prices.
`;

let ws: ReturnType<typeof tempDir>;
let t: TestEngine;
let server: OpenAIServer;
let source: IndexContextSource;

beforeAll(async () => {
  ws = tempDir('gw-complete-');
  writeTree(ws.dir, { 'src/money.ts': MONEY, 'src/cart.ts': CART, '.groundwork/standards/style.md': STANDARDS });
  t = await testEngine(ws.dir);
  await t.engine.index();
  source = new IndexContextSource(t.engine.store, recordingLogger(), { deadlineMs: 5000 });
  await source.warm();
  server = await startOpenAIServer();
});
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
  ws?.cleanup();
});
beforeEach(() => server.reset());

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return { lines, debug: () => {}, info: push('info'), warn: push('warn'), error: push('error') };
}

interface Setup {
  completer: InlineCompleter;
  logger: Logger & { lines: string[] };
  state: { trusted: boolean; config: Config };
}

function setup(model = 'qwen2.5-coder:1.5b-base', settings: RawSettings = {}): Setup {
  const logger = recordingLogger();
  const state = { trusted: true, config: parseConfig({ 'completion.debounceMs': 0, ...settings }) };
  const client: ModelClient = createModelClient(
    { role: 'completion', baseUrl: server.url, model, temperature: 0.1, maxTokens: 64, timeoutMs: 5000 },
    { logger: recordingLogger(), retry: { retries: 0 } },
  );
  const deps: CompleterDeps = {
    logger,
    config: () => state.config,
    clientFor: async () => client,
    contextFor: async () => source,
    isTrusted: () => state.trusted,
    isExcluded: (req) => isSecretFile(req.path),
    repoName: () => 'shop',
  };
  return { completer: new InlineCompleter(deps), logger, state };
}

const at = (prefix: string, suffix: string, over: Partial<CompletionRequest> = {}): CompletionRequest => ({
  path: 'src/cart.ts', language: 'typescript', prefix, suffix, line: prefix.split('\n').length, ...over,
});
const CART_PREFIX = "import { toCents } from './money';\n\nexport function lineTotal(item: Item): number {\n  return ";
const CART_SUFFIX = ';\n}\n';
const completionRequests = () => server.requests.filter((r) => r.route === 'completions');

describe('inline completer against the local OpenAI-compatible server', () => {
  it('sends a Qwen FIM prompt that carries the retrieved definition and standard, and post-processes the answer', async () => {
    server.setHandler('completions', () => 'toCents(item.price) * item.quantity;');
    const { completer } = setup();
    const result = await completer.complete(at(CART_PREFIX, CART_SUFFIX));
    expect(result).toMatchObject({ text: 'toCents(item.price) * item.quantity', cached: false, mode: 'qwen' });
    const body = completionRequests()[0]!.body as { prompt: string; stop: string[]; max_tokens: number };
    expect(body.prompt.startsWith('<|repo_name|>shop\n<|file_sep|>src/money.ts\n')).toBe(true);
    expect(body.prompt).toContain('export function toCents(amount: number): number {');
    expect(body.prompt).toContain('never use floating point for prices');
    expect(body.prompt.endsWith(`<|file_sep|>src/cart.ts\n<|fim_prefix|>${CART_PREFIX}<|fim_suffix|>${CART_SUFFIX}<|fim_middle|>`)).toBe(true);
    expect(body.stop).toEqual(['<|endoftext|>', '<|file_sep|>', '<|fim_prefix|>', '<|im_end|>']);
    expect(result!.sources).toContain('src/money.ts:1-4');
  });

  it('answers a repeat from the cache without a request, and typed-ahead text without one either', async () => {
    server.setHandler('completions', () => 'toCents(item.price);');
    const { completer } = setup();
    const first = await completer.complete(at(CART_PREFIX, CART_SUFFIX));
    const again = await completer.complete(at(CART_PREFIX, CART_SUFFIX));
    expect(again).toMatchObject({ text: first!.text, cached: true });
    const typed = await completer.complete(at(`${CART_PREFIX}toCe`, CART_SUFFIX));
    expect(typed).toMatchObject({ text: 'nts(item.price)', cached: true });
    expect(completionRequests()).toHaveLength(1);
  });

  it('a new keystroke cancels the request in flight', async () => {
    server.setHandler('completions', (req) => ({ text: 'slow()', delayMs: String((req.body as { prompt: string }).prompt).includes('firstKey') ? 1500 : 0 }));
    const { completer } = setup();
    const started = Date.now();
    const first = completer.complete(at(`${CART_PREFIX}firstKey`, CART_SUFFIX));
    while (completionRequests().length === 0) await new Promise((r) => setTimeout(r, 5));
    const second = await completer.complete(at(`${CART_PREFIX}secondKey`, CART_SUFFIX));
    expect(await first).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(second?.text).toBe('slow()');
  });

  it('debounces: keystrokes within the debounce window send one request', async () => {
    server.setHandler('completions', () => 'x');
    const { completer } = setup(undefined, { 'completion.debounceMs': 150 });
    const a = completer.complete(at(`${CART_PREFIX}a`, CART_SUFFIX));
    const b = completer.complete(at(`${CART_PREFIX}ab`, CART_SUFFIX));
    const c = completer.complete(at(`${CART_PREFIX}abc`, CART_SUFFIX));
    expect(await a).toBeUndefined();
    expect(await b).toBeUndefined();
    expect((await c)?.text).toBe('x');
    expect(completionRequests()).toHaveLength(1);
  });

  it.each([429, 500])('HTTP %i gives no completion and exactly one log line, even on repeats', async (status) => {
    server.fail('completions', { status, times: 3 });
    const { completer, logger } = setup(undefined, { 'completion.template': 'qwen' });
    expect(await completer.complete(at(CART_PREFIX, CART_SUFFIX))).toBeUndefined();
    expect(await completer.complete(at(`${CART_PREFIX}i`, CART_SUFFIX))).toBeUndefined();
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^warn Inline completion failed/);
    // A 429 pauses requests for a while; a 500 does not.
    expect(completionRequests()).toHaveLength(status === 429 ? 1 : 2);
  });

  it('sends nothing for untrusted workspaces, excluded files, comments, strings or disabled languages', async () => {
    const { completer, state } = setup();
    state.trusted = false;
    expect(await completer.complete(at(CART_PREFIX, CART_SUFFIX))).toBeUndefined();
    state.trusted = true;
    expect(await completer.complete(at('API_KEY=', '\n', { path: '.env', language: 'dotenv' }))).toBeUndefined();
    expect(await completer.complete(at('// explain the ', '\n'))).toBeUndefined();
    expect(await completer.complete(at('const s = "hello ', '"\n'))).toBeUndefined();
    state.config = parseConfig({ 'completion.debounceMs': 0, 'completion.languages': { typescript: false } });
    expect(await completer.complete(at(CART_PREFIX, CART_SUFFIX))).toBeUndefined();
    state.config = parseConfig({ 'completion.enabled': false });
    expect(await completer.complete(at(CART_PREFIX, CART_SUFFIX))).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });

  it('chat models get the chat fallback with fenced context', async () => {
    server.setHandler('chat', () => '```ts\ntoCents(item.price)\n```');
    const { completer } = setup('gpt-4.1-mini');
    const result = await completer.complete(at(CART_PREFIX, CART_SUFFIX));
    expect(result).toMatchObject({ text: 'toCents(item.price)', mode: 'chat' });
    const body = server.requests[0]!.body as { messages: Array<{ content: string }> };
    expect(server.requests[0]!.path).toBe('/v1/chat/completions');
    expect(body.messages[1]!.content).toMatch(/<<definition src\/money\.ts:1-4>>\n```\n/);
    expect(body.messages[1]!.content).toContain('  return <CURSOR>;\n}');
  });

  it('an endpoint without /v1/completions (404) falls back to chat once and remembers it', async () => {
    server.fail('completions', { status: 404 });
    server.setHandler('chat', () => 'toCents(item.price)');
    const { completer, logger } = setup('codestral-latest');
    expect((await completer.complete(at(CART_PREFIX, CART_SUFFIX)))?.mode).toBe('chat');
    expect((await completer.complete(at(`${CART_PREFIX}t`, CART_SUFFIX)))?.mode).toBe('chat');
    expect(completionRequests()).toHaveLength(1);
    expect(logger.lines.filter((l) => l.includes('chat fallback'))).toHaveLength(1);
  });

  it('unknown models get the suffix parameter', async () => {
    server.setHandler('completions', () => 'item.quantity * 2');
    const { completer } = setup('my-payments-lora');
    expect((await completer.complete(at(CART_PREFIX, CART_SUFFIX)))?.mode).toBe('suffix');
    const body = completionRequests()[0]!.body as { prompt: string; suffix: string };
    expect(body.suffix).toBe(CART_SUFFIX);
    expect(body.prompt).toContain('// Definition from src/money.ts:1-4');
    expect(body.prompt.endsWith(`// Path: src/cart.ts\n${CART_PREFIX}`)).toBe(true);
  });
});
