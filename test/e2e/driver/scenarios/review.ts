import fs from 'node:fs';
import path from 'node:path';
import { lastPrompt } from '../modelRequests';
import type { Scenario, ScenarioContext } from '../runner';

export const REVIEWED_FILE = 'src/orders/orderService.ts';
/** chargeOrder(): the try/catch with `console.log` + bare `throw e` (fixture lines 37–40) inside lines 33–41. */
const SELECTION = { start: 33, end: 41 };
/** A thread of Groundwork's review controller (its title is "Groundwork: <severity> · <category>"). */
const THREAD = /Groundwork: (error|warning|info) · /;

/** Selects the chargeOrder lines, runs Review Selection from the context menu, returns the thread's text. */
export async function reviewSelection(ctx: ScenarioContext, shotName?: string): Promise<string> {
  const { wb } = ctx;
  await wb.openFile(REVIEWED_FILE);
  await wb.clearNotifications();
  await wb.selectLines(SELECTION.start, SELECTION.end);
  await wb.contextMenu('Review Selection');
  const progress = `Groundwork: reviewing ${REVIEWED_FILE}:${SELECTION.start}-${SELECTION.end}`;
  await wb.waitNotification(progress, 30_000).catch((err: unknown) => {
    throw new Error(`Review Selection showed no progress notification "${progress}": ${String(err)}`);
  });
  const thread = await wb.waitCommentThread(THREAD, 60_000);
  await wb.waitNotification(`Groundwork: 1 comment on ${REVIEWED_FILE}:${SELECTION.start}-${SELECTION.end}.`, 15_000);
  if (shotName) {
    await wb.settleToast('Groundwork: 1 comment');
    await ctx.shot(shotName);
  }
  return thread;
}

/** Review Selection → thread + Problems row → Apply Suggestion edits the line → Apply My Version → review again → Dismiss. */
export const reviewSelectionScenario: Scenario = {
  name: 'review selection',
  timeoutMs: 180_000,
  async run(ctx) {
    const { wb } = ctx;
    await wb.waitReady('Groundwork');
    const onDisk = path.join(ctx.paths.workspace, REVIEWED_FILE);
    const original = fs.readFileSync(onDisk, 'utf8');
    try {
      await reviewApplyDismiss(ctx);
    } finally {
      restoreFile(onDisk, original); // the scenarios after this one see the fixture as it was
    }
  },
};

/** Puts a fixture file back on disk as it was (Apply Suggestion's edit may have been saved); open editors reload it. */
export function restoreFile(file: string, text: string): void {
  if (fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
}

async function reviewApplyDismiss(ctx: ScenarioContext): Promise<void> {
  const { wb } = ctx;
  await wb.openFile(REVIEWED_FILE);
  const before = await wb.editorLineText(SELECTION.start);

  const thread = await reviewSelection(ctx, 'thread');
  ctx.log(`thread: "${thread}"`);
  const line = await wb.commentThreadLine(THREAD);
  if (line < SELECTION.start || line > SELECTION.end) {
    throw new Error(`the review comment is shown under line ${line}, outside the reviewed lines ${SELECTION.start}–${SELECTION.end}`);
  }
  if (!/Groundwork: warning · standards/.test(thread)) throw new Error(`the thread does not show severity · category: "${thread}"`);
  if (!/does not follow standard STD-\d/.test(thread)) throw new Error(`the thread does not show the model's message citing a standard: "${thread}"`);
  if (!/\bSTD-\d\b/.test(thread)) throw new Error(`the thread cites no standard id (STD-…): "${thread}"`);

  // What reached the model: the reviewed lines' caller (checkout calls chargeOrder), labelled as such.
  const prompt = await lastPrompt(ctx, 'test-review');
  const caller = /code src\/orders\/orderService\.ts:\d+-\d+ \(method OrderService\.checkout\) — uses the selected code/;
  if (!caller.test(prompt)) throw new Error(`the review prompt does not hold chargeOrder's caller OrderService.checkout: ${prompt.slice(0, 3000)}`);
  // The team's six rules apply to the file and all reach the model.
  const rules = [...prompt.matchAll(/\[\d+\] standard (STD-\d)/g)].map((m) => m[1]).sort();
  if (rules.join() !== 'STD-1,STD-2,STD-3,STD-4,STD-5,STD-6') throw new Error(`the review prompt holds standards ${rules.join(', ')}, not STD-1…STD-6`);
  // The method chargeOrder calls (this.payments.charge: PaymentClient, the field's imported type) is
  // there; the Python report, similar in words only, is not.
  if (!/code src\/payments\/paymentClient\.ts:\d+-\d+ \(method PaymentClient\.charge\)/.test(prompt)) {
    throw new Error(`the review prompt does not hold PaymentClient.charge, the method chargeOrder calls: ${prompt.slice(0, 3000)}`);
  }
  if (prompt.includes('reports/daily_report.py')) throw new Error('the review prompt of TypeScript code holds the Python report as similar code');
  ctx.log(`review prompt: ${prompt.length} chars, holds the caller OrderService.checkout, PaymentClient.charge and standards ${rules.join(', ')}`);

  const problems = await wb.problems();
  ctx.log(`problems: ${JSON.stringify(problems)}`);
  const row = problems.find((p) => p.includes('Groundwork') && /STD-\d/.test(p));
  if (!row) throw new Error(`the Problems panel lists no Groundwork diagnostic citing STD-… (rows: ${JSON.stringify(problems)})`);
  await ctx.shot('problems');

  await wb.openFile(REVIEWED_FILE);
  await wb.commentThreadAction(THREAD, 'Apply Suggestion');
  await waitGone(ctx, 'after Apply Suggestion');
  const after = await wb.editorLineText(line);
  ctx.log(`line ${line}: "${before}" → "${after}"`);
  if (after === before) throw new Error(`Apply Suggestion left line ${line} unchanged: "${after}"`);
  if (!after.includes('// reviewed')) throw new Error(`line ${line} does not hold the suggested code after Apply Suggestion: "${after}"`);
  const saved = fs.readFileSync(path.join(ctx.paths.workspace, REVIEWED_FILE), 'utf8').includes('// reviewed');
  ctx.log(`after Apply Suggestion the file on disk ${saved ? 'has' : 'does not have'} the edit (the editor ${saved ? 'saved it' : 'holds it unsaved'})`);
  await ctx.shot('after-apply');

  // Apply My Version: the user's own fix, typed in the thread's reply box, is applied and recorded as edited.
  await reviewSelection(ctx);
  const mine = '  private async chargeOrder(order: Order, totalCents: number): Promise<string> { // mine';
  await wb.commentReplyAction(THREAD, mine, 'Apply My Version');
  await waitGone(ctx, 'after Apply My Version');
  const edited = await wb.editorLineText(line);
  if (!edited.includes('// mine')) throw new Error(`line ${line} does not hold the user's version after Apply My Version: "${edited}"`);
  await ctx.shot('after-apply-my-version');

  await reviewSelection(ctx);
  await wb.commentThreadAction(THREAD, 'Dismiss');
  await waitGone(ctx, 'after Dismiss');
  const problemsAfter = (await wb.problems()).filter((p) => p.includes('Groundwork') && /STD-\d/.test(p));
  if (problemsAfter.length > 0) throw new Error(`the Problems panel still lists the dismissed comment: ${JSON.stringify(problemsAfter)}`);
  await wb.openFile(REVIEWED_FILE);
  await ctx.shot('after-dismiss');
  await wb.commandPalette('File: Revert File'); // unsaved edits go; a saved edit is undone on disk by the caller
}

async function waitGone(ctx: ScenarioContext, when: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if ((await ctx.wb.commentThreads()).filter((t) => THREAD.test(t)).length === 0) return;
    await ctx.page.waitForTimeout(200);
  }
  throw new Error(`the review comment is still shown ${when}: ${JSON.stringify(await ctx.wb.commentThreads())}`);
}
