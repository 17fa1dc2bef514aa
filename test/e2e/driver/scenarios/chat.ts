import type { Frame } from 'playwright-core';
import { lastPrompt } from '../modelRequests';
import type { Scenario, ScenarioContext } from '../runner';
import { squash } from '../workbench';

const QUESTION = 'How is an order checked out?';
/** A code source as the panel lists it: `[n] path:start-end`, then its symbol when it has one. */
const CODE_SOURCE = /^\[(\d+)\] (\S+):(\d+)-(\d+)(?: (\S+))?$/;

interface ShownSource {
  n: number;
  path: string;
  symbol: string | undefined;
  startLine: number;
  endLine: number;
}

/** Waits until the last turn is finished (no `.streaming`) and lists its answer and sources. */
async function waitAnswer(ctx: ScenarioContext, frame: Frame, timeoutMs: number): Promise<{ answer: string; sources: string[]; sawStreaming: boolean }> {
  const turn = frame.locator('.turn').last();
  await turn.waitFor({ state: 'attached', timeout: 10_000 }).catch(() => {
    throw new Error(`the chat shows no turn for "${QUESTION}" after Enter`);
  });
  let sawStreaming = false;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const cls = (await turn.getAttribute('class')) ?? '';
    if (cls.includes('streaming')) sawStreaming = true;
    else {
      const error = await turn.locator('.notice-error').allInnerTexts();
      if (error.length > 0) throw new Error(`the chat answered with an error: "${squash(error.join(' '))}"`);
      const answer = squash(await turn.locator('.answer').innerText());
      // Cited sources come first; the rest of what was retrieved is folded: unfold it, as a user would.
      const more = turn.locator('.sources-more:not([open]) summary');
      if ((await more.count()) > 0) await more.click();
      const sources = (await turn.locator('.sources li').allInnerTexts()).map(squash);
      return { answer, sources, sawStreaming };
    }
    await ctx.page.waitForTimeout(100);
  }
  throw new Error(`the chat answer was still streaming after ${timeoutMs / 1000} s`);
}

/** Open Chat → ask about the fixture → a streamed answer with `path:start-end` sources → a source opens at its line. */
export const chat: Scenario = {
  name: 'chat',
  timeoutMs: 150_000,
  async run(ctx) {
    const { wb, page } = ctx;
    await wb.waitReady('Groundwork');
    await wb.commandPalette('Groundwork: Open Chat');
    const frame = await wb.webviewFrame('textarea.input', 30_000).catch(() => {
      throw new Error('Groundwork: Open Chat shows no chat panel with an input box');
    });
    await frame.locator('[data-action="new-chat"]').click(); // a clean transcript when the scenario runs twice
    await frame.locator('.empty').waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
      throw new Error('New Chat did not clear the transcript');
    });
    const input = frame.locator('textarea.input');
    await input.click();
    await input.fill(QUESTION);
    await input.press('Enter');

    const { answer, sources, sawStreaming } = await waitAnswer(ctx, frame, 60_000);
    ctx.log(`answer (${sawStreaming ? 'streamed' : 'streaming not caught'}): "${answer}"`);
    ctx.log(`sources: ${JSON.stringify(sources)}`);
    if (!answer) throw new Error('the chat turn finished with an empty answer');
    if (!answer.includes(QUESTION)) throw new Error(`the answer is not the model's reply to the question: "${answer}"`);
    if (!(await frame.locator('.turn').last().locator('.answer a.cite').count())) {
      throw new Error(`the answer's citation [1] is not rendered as a link to its source: "${answer}"`);
    }
    const code = sources.map((s) => CODE_SOURCE.exec(s)).filter((m): m is RegExpExecArray => m !== null)
      .map((m): ShownSource => ({ n: Number(m[1]), path: m[2]!, startLine: Number(m[3]), endLine: Number(m[4]), symbol: m[5] }));
    if (code.length === 0) throw new Error(`the answer lists no sources as path:start-end (sources: ${JSON.stringify(sources)})`);
    // orderService.ts's checkout method is retrieved for this question: listed with its name
    if (!code.some((s) => s.path === 'src/orders/orderService.ts' && s.symbol?.endsWith('.checkout'))) {
      throw new Error(`no source names OrderService's checkout method beside its lines (sources: ${JSON.stringify(sources)})`);
    }
    // .github/copilot-instructions.md is always-apply, but its rule about PR titles and commit
    // messages shares no word with a question about checkout: it stays out of the prompt.
    const prompt = await lastPrompt(ctx, 'test-chat');
    if (!/standard STD-\d/.test(prompt)) throw new Error(`the chat prompt holds none of the team's standards: ${prompt.slice(0, 3000)}`);
    if (prompt.includes('Conventional Commits')) throw new Error('the chat prompt for a question about checkout holds the rule about PR titles and commit messages');
    ctx.log(`chat prompt: ${prompt.length} chars, the team's standards in, the PR-title rule out`);
    if (!code.some((s) => s.path.startsWith('src/orders/'))) {
      throw new Error(`no source of the answer is in src/orders/, where checkout lives (sources: ${JSON.stringify(sources)})`);
    }
    await frame.locator('.turn').last().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await ctx.shot('answer');
    await frame.locator('.turn').last().locator('.sources').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await ctx.shot('answer-sources');

    const target = code.find((s) => s.startLine > 1) ?? code[0]!;
    await wb.openFile('README.md'); // so that the source's file has to be opened by the click
    await frame.locator('.turn').last().locator(`.sources a.source[data-n="${target.n}"]`).click();
    const base = target.path.split('/').pop()!;
    const deadline = Date.now() + 10_000;
    let title = '';
    while (Date.now() < deadline) {
      title = await wb.activeTabTitle().catch(() => '');
      if (title === base) break;
      await page.waitForTimeout(200);
    }
    if (title !== base) throw new Error(`clicking source [${target.n}] ${target.path} did not open it (active tab: "${title || 'none'}")`);
    // the tab may already have been open: wait for the cursor to move into the source's lines
    let line = await wb.cursorLine();
    for (const until = Date.now() + 5_000; Date.now() < until && (line < target.startLine || line > target.endLine);) {
      await page.waitForTimeout(200);
      line = await wb.cursorLine();
    }
    ctx.log(`opened ${title} with the cursor on line ${line} (source lines ${target.startLine}-${target.endLine})`);
    if (line < target.startLine || line > target.endLine) {
      throw new Error(`source [${target.n}] opened ${base} at line ${line}, not within lines ${target.startLine}–${target.endLine}`);
    }
    await ctx.shot('source-opened');
  },
};
