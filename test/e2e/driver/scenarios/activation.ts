import fs from 'node:fs';
import path from 'node:path';
import { activationReport, extensionHostLogs } from '../extHostLog';
import type { Scenario, ScenarioContext } from '../runner';
import { squash } from '../workbench';
import { saveThenSearch, searchComponent } from './search';

export const EXTENSION_ID = 'groundwork.groundwork';

/** Polls the Groundwork status bar item until it shows the check icon and a chunk count. */
async function waitIndexReady(ctx: ScenarioContext, timeoutMs: number): Promise<string> {
  const item = ctx.wb.statusBarItem(/Groundwork/);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (await item.isVisible()) {
      last = `${(await ctx.wb.codicons(item)).map((c) => `$(${c})`).join(' ')} ${squash(await item.innerText())}`;
      if (last.includes('$(error)')) break;
      if (last.includes('$(check)') && /\d[\d,]* chunks/.test(last)) return last;
    }
    await ctx.page.waitForTimeout(250);
  }
  throw new Error(`the status bar never showed the index as ready (last: "${last || 'no Groundwork item'}")`);
}

/** Fails on activation errors of Groundwork in the extension-host log, or on no activation at all. */
export function assertCleanActivation(ctx: ScenarioContext): void {
  const report = activationReport(ctx.paths.userData, EXTENSION_ID);
  if (report.errors.length > 0) {
    throw new Error(`the extension-host log has errors from ${EXTENSION_ID}:\n  ${report.errors.join('\n  ')}`);
  }
  if (!report.activated) throw new Error(`the extension-host log shows no activation of ${EXTENSION_ID}`);
}

/**
 * The full runs happened in child processes of the extension host (their pids are in Groundwork's
 * log), and every one of them has exited.
 */
function assertIndexedInChild(ctx: ScenarioContext): void {
  const own = extensionHostLogs(ctx.paths.userData).filter((f) => path.basename(path.dirname(f)).toLowerCase() === EXTENSION_ID);
  const pids = own.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/in a child process \(pid (\d+)/g)].map((m) => Number(m[1])));
  if (pids.length === 0) throw new Error("Groundwork's log shows no index run in a child process");
  const alive = pids.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  if (alive.length > 0) throw new Error(`index child process(es) still running after the index was ready: ${alive.join(', ')}`);
  ctx.log(`index runs in child processes: pids ${pids.join(', ')}, all exited`);
}

export const activationAndReindex: Scenario = {
  name: 'activation and re-index',
  timeoutMs: 240_000,
  async run(ctx) {
    const { wb } = ctx;
    await wb.waitReady('Groundwork');
    const status = wb.statusBarItem(/Groundwork/);
    await status.waitFor({ state: 'visible', timeout: 60_000 }).catch(() => {
      throw new Error('the status bar shows no Groundwork item');
    });
    ctx.log(`status bar: "${squash(await status.innerText())}"`);
    await ctx.shot('workbench');

    // the first index may still be running from activation: let it settle so Re-index does the work visibly
    await waitIndexReady(ctx, 120_000);
    await wb.clearNotifications();

    await wb.commandPalette('Groundwork: Re-index Workspace');
    const progress = wb.notificationToast('Groundwork: indexing');
    if (await progress.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
      await ctx.page.waitForTimeout(150); // the toast fades in
      await ctx.shot('reindex-progress');
    }
    await wb.waitNotification('Groundwork: indexing', 30_000);
    const ready = await waitIndexReady(ctx, 120_000);
    ctx.log(`status bar: "${ready}"`);
    const readyText = /Groundwork: index ready — [\d,]+ files, [\d,]+ chunks, [\d,]+ standards/;
    const done = await wb.waitNotification(readyText, 30_000);
    ctx.log(`notification: "${done}"`);
    const files = Number(/(\d+) files/.exec(done)?.[1]);
    if (files < 10) throw new Error(`the index holds only ${files} files of the fixture workspace's 10 source files: "${done}"`);
    await wb.openFile('src/orders/orderService.ts');
    await wb.showContainer('Groundwork');
    await wb.settleToast(readyText);
    await ctx.shot('index-ready');
    await wb.clearNotifications();

    await wb.commandPalette('Groundwork: Show Index Status');
    const statusText = await wb.waitNotification(/Groundwork index — .*: [\d,]+ files, [\d,]+ chunks, [\d,]+ symbols, [\d,]+ standards/, 30_000);
    ctx.log(`index status: "${statusText}"`);
    await wb.settleToast(/Groundwork index — /);
    const standards = Number(/(\d+) standards/.exec(statusText)?.[1]);
    if (standards < 6) throw new Error(`Show Index Status counts ${standards} standards; team.md has 6 rules: "${statusText}"`);
    await ctx.shot('index-status');
    await wb.clearNotifications();

    assertIndexedInChild(ctx);
    await saveThenSearch(ctx);
    await searchComponent(ctx);
    assertCleanActivation(ctx);
  },
};
