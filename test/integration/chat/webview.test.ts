/**
 * The chat webview in headless Chromium (Debian's /usr/bin/chromium through playwright-core; no
 * browser download): the real bundle under the production CSP, with a stub acquireVsCodeApi that
 * records what the panel posts. Host messages are delivered with window.postMessage, as VS Code does.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HostMessage, SourceLink, WebviewMessage } from '../../../src/core/chat/protocol';
import { serveChatPage, STUB_VSCODE_API, type ChatPageServer } from '../../webview/chatPage';

let browser: Browser;
let pageServer: ChatPageServer;
let page: Page;
let pageErrors: string[];

const SOURCES: SourceLink[] = [
  { n: 1, label: 'src/orders/pricing.ts:4-8', kind: 'code', path: 'src/orders/pricing.ts', startLine: 4, endLine: 8, title: 'orderTotal' },
  { n: 2, label: 'STD-1', kind: 'standard', path: '.groundwork/standards/team.md', title: 'Money in cents' },
];

async function open(url: string): Promise<void> {
  page = await browser.newPage();
  pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  await page.addInitScript(STUB_VSCODE_API);
  await page.goto(url);
  await expect.poll(() => posted()).toEqual([{ type: 'ready' }]);
}

const posted = () => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
const lastPosted = async () => (await posted()).at(-1);
const deliver = (message: HostMessage) => page.evaluate((m) => window.postMessage(m, '*'), message);
const emptyState: HostMessage = { type: 'chat/state', turns: [], selection: null, modelConfigured: true };

/** Types a question, presses Enter and returns the request id the panel chose. */
async function ask(text: string): Promise<string> {
  await page.locator('textarea').fill(text);
  await page.locator('textarea').press('Enter');
  const send = await lastPosted();
  if (send?.type !== 'chat/send') throw new Error(`expected chat/send, got ${JSON.stringify(send)}`);
  return send.requestId;
}

async function startTurn(requestId: string, question: string): Promise<void> {
  await deliver({
    type: 'chat/started',
    turn: { id: requestId, question, answer: '', sources: [], thin: false, status: 'streaming', createdAt: 1 },
  });
}

beforeAll(async () => {
  pageServer = await serveChatPage();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--headless'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await pageServer?.close();
});
beforeEach(async () => {
  await page?.close();
});

describe('chat webview', () => {
  it('streams an answer as markdown, maps citations to sources and opens a source at its range', async () => {
    await open(pageServer.url);
    await deliver(emptyState);
    await expect.poll(() => page.locator('.empty').textContent()).toContain('Ask about this codebase');

    const id = await ask('How is the total computed?');
    expect(await lastPosted()).toEqual({ type: 'chat/send', requestId: id, text: 'How is the total computed?', selection: null });
    expect(await page.locator('textarea').inputValue()).toBe('');
    await startTurn(id, 'How is the total computed?');
    await expect.poll(() => page.locator('.turn-status').textContent()).toContain('Searching the codebase');
    await deliver({ type: 'chat/sources', requestId: id, sources: SOURCES, thin: false });
    await deliver({ type: 'chat/chunk', requestId: id, text: 'The total comes from **order' });
    await expect.poll(() => page.locator('.answer').textContent()).toBe('The total comes from **order');
    await deliver({ type: 'chat/chunk', requestId: id, text: 'Total** [1], following [2].\n\n```ts\nconst total = ' });
    await expect.poll(() => page.locator('.answer strong').textContent()).toBe('orderTotal');
    await expect.poll(() => page.locator('.answer .code-block.streaming code').textContent()).toBe('const total = ');
    await deliver({ type: 'chat/chunk', requestId: id, text: 'orderTotal(order);\n```\n' });
    await deliver({ type: 'chat/done', requestId: id, status: 'done' });
    await expect.poll(() => page.locator('.answer .code-block:not(.streaming) code').textContent()).toBe('const total = orderTotal(order);');
    expect(await page.locator('.turn.streaming').count()).toBe(0);
    expect(await page.locator('.answer a.cite').allTextContents()).toEqual(['[1]', '[2]']);
    expect(await page.locator('.sources a').allTextContents()).toEqual(['[1] src/orders/pricing.ts:4-8 orderTotal', '[2] STD-1 — Money in cents']);
    expect(await page.locator('.sources a .source-symbol').allTextContents()).toEqual(['orderTotal']);

    await page.locator('.sources a', { hasText: 'pricing.ts' }).click();
    expect(await lastPosted()).toEqual({ type: 'source/open', path: 'src/orders/pricing.ts', startLine: 4, endLine: 8 });
    await page.locator('.answer a.cite', { hasText: '[2]' }).click();
    expect(await lastPosted()).toEqual({ type: 'source/open', path: '.groundwork/standards/team.md' });

    await page.locator('.code-block button', { hasText: 'Copy' }).click();
    expect(await lastPosted()).toEqual({ type: 'code/copy', code: 'const total = orderTotal(order);' });
    await page.locator('.code-block button', { hasText: 'Insert' }).click();
    expect(await lastPosted()).toEqual({ type: 'code/insert', code: 'const total = orderTotal(order);' });
    expect(pageErrors).toEqual([]);
    // The panel works under the production CSP without tripping it (no inline styles or scripts).
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  });

  it('Stop posts an abort with the id of the running request', async () => {
    await open(pageServer.url);
    await deliver(emptyState);
    const id = await ask('Explain checkout');
    await startTurn(id, 'Explain checkout');
    await deliver({ type: 'chat/chunk', requestId: id, text: 'Checkout first ' });
    await expect.poll(() => page.locator('button.stop').isVisible()).toBe(true);
    expect(await page.locator('button.send').isDisabled()).toBe(true);
    await page.locator('button.stop').click();
    expect(await lastPosted()).toEqual({ type: 'chat/abort', requestId: id });

    await deliver({ type: 'chat/done', requestId: id, status: 'stopped' });
    await expect.poll(() => page.locator('.turn-status').textContent()).toBe('Stopped.');
    expect(await page.locator('button.stop').isVisible()).toBe(false);
    expect(await page.locator('.answer').textContent()).toBe('Checkout first');
  });

  for (const [name, url] of [['under the CSP', () => pageServer.url], ['even without a CSP', () => pageServer.urlWithoutCsp]] as const) {
    it(`renders HTML, scripts and javascript: links in an answer inert (${name})`, async () => {
      await open(url());
      await deliver(emptyState);
      const id = await ask('<img src=x onerror="window.__pwned=\'question\'">');
      await startTurn(id, '<img src=x onerror="window.__pwned=\'question\'">');
      await deliver({
        type: 'chat/sources', requestId: id, thin: false,
        sources: [{ n: 1, label: '<img src=x onerror="window.__pwned=\'label\'">', kind: 'code', path: 'a.ts', startLine: 1, endLine: 2 }],
      });
      const evil = [
        'Look: <img src=x onerror="window.__pwned=\'img\'"> and <script>window.__pwned=\'script\'</script>',
        '[click me](javascript:window.__pwned=\'link\') or [again](JaVaScRiPt:window.__pwned=1) [data](data:text/html,<script>x</script>)',
        '<a href="javascript:window.__pwned=\'a\'">raw</a> <svg onload="window.__pwned=\'svg\'"></svg> <iframe src="javascript:1"></iframe>',
        '```html\n<script>window.__pwned="fence"</script>\n```',
      ].join('\n\n');
      await deliver({ type: 'chat/chunk', requestId: id, text: evil });
      await deliver({ type: 'chat/done', requestId: id, status: 'done' });
      await expect.poll(() => page.locator('.answer').textContent()).toContain('<img src=x onerror=');

      const inspection = await page.evaluate(() => {
        const all = Array.from(document.querySelectorAll('*'));
        return {
          pwned: (window as unknown as { __pwned?: unknown }).__pwned,
          dangerous: document.querySelectorAll('main img, main script, main iframe, main svg, main object, main embed').length,
          scripts: Array.from(document.querySelectorAll('script')).map((s) => s.getAttribute('nonce')),
          handlers: all.flatMap((e) => Array.from(e.attributes).filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
          badHrefs: Array.from(document.querySelectorAll('[href]')).map((e) => e.getAttribute('href')!).filter((h) => !/^(#|https?:|mailto:)/.test(h) && !h.endsWith('chat.css')),
          answerLinks: Array.from(document.querySelectorAll('.answer a')).map((a) => a.getAttribute('href')),
        };
      });
      expect(inspection).toEqual({ pwned: undefined, dangerous: 0, scripts: ['testnonce123'], handlers: [], badHrefs: [], answerLinks: [] });
      expect(await page.locator('.answer').textContent()).toContain('click me');
      expect(await page.locator('.question-text').textContent()).toBe('<img src=x onerror="window.__pwned=\'question\'">');
      await page.locator('.answer', { hasText: 'click me' }).getByText('click me').click();
      await page.waitForTimeout(100);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect((await posted()).filter((m) => m.type === 'link/open')).toEqual([]);
    });
  }

  it('posts only safe external links, and keeps Shift+Enter as a new line', async () => {
    await open(pageServer.url);
    await deliver(emptyState);
    const input = page.locator('textarea');
    await input.fill('first line');
    await input.press('Shift+Enter');
    await input.type('second line');
    expect(await input.inputValue()).toBe('first line\nsecond line');
    expect((await posted()).filter((m) => m.type === 'chat/send')).toEqual([]);
    const id = await ask('docs?');
    await startTurn(id, 'docs?');
    await deliver({ type: 'chat/chunk', requestId: id, text: 'See [the docs](https://example.com/docs).' });
    await deliver({ type: 'chat/done', requestId: id, status: 'done' });
    await page.locator('.answer a', { hasText: 'the docs' }).click();
    expect(await lastPosted()).toEqual({ type: 'link/open', url: 'https://example.com/docs' });
    expect(page.url()).toBe(pageServer.url);
  });

  it('attaches the selection as a removable chip', async () => {
    await open(pageServer.url);
    await deliver({ ...emptyState, selection: { path: 'src/orders/pricing.ts', startLine: 4, endLine: 8 } } as HostMessage);
    await expect.poll(() => page.locator('.chip-label').textContent()).toBe('src/orders/pricing.ts:4-8');
    const id = await ask('/explain');
    expect(await lastPosted()).toEqual({ type: 'chat/send', requestId: id, text: '/explain', selection: { path: 'src/orders/pricing.ts', startLine: 4, endLine: 8 } });
    await deliver({ type: 'chat/error', requestId: id, message: 'No endpoint is configured for the chat model.', action: 'configureModel' });

    await page.locator('.chip-remove').click();
    expect(await page.locator('.composer .chip').isVisible()).toBe(false);
    await ask('without it');
    expect(await lastPosted()).toMatchObject({ type: 'chat/send', text: 'without it', selection: null });

    await deliver({ type: 'selection/changed', selection: { path: 'src/orders/types.ts', startLine: 1, endLine: 3 } });
    await expect.poll(() => page.locator('.chip-label').textContent()).toBe('src/orders/types.ts:1-3');
  });

  it('shows errors with their action, and the no-model answer with Configure Model', async () => {
    await open(pageServer.url);
    await deliver(emptyState);
    const id = await ask('Where is X?');
    await startTurn(id, 'Where is X?');
    await deliver({ type: 'chat/error', requestId: id, message: 'The chat model at http://x rejected the API key (401).', action: 'showLogs' });
    await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('rejected the API key');
    await page.locator('[role=alert] button', { hasText: 'Show Logs' }).click();
    expect(await lastPosted()).toEqual({ type: 'logs/show' });
    expect(await page.locator('button.send').isDisabled()).toBe(false);

    const id2 = await ask('Where is Y?');
    await startTurn(id2, 'Where is Y?');
    await deliver({ type: 'chat/sources', requestId: id2, sources: [], thin: true });
    await deliver({ type: 'chat/chunk', requestId: id2, text: 'No chat model is available.' });
    await deliver({ type: 'chat/done', requestId: id2, status: 'done', needsModel: true });
    await expect.poll(() => page.locator(`[data-turn="${id2}"] .notice-thin`).textContent()).toContain('the codebase does not show this');
    await page.locator(`[data-turn="${id2}"] button`, { hasText: 'Configure Model' }).click();
    expect(await lastPosted()).toEqual({ type: 'model/configure' });
  });
});
