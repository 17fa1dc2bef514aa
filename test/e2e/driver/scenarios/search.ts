import fs from 'node:fs';
import path from 'node:path';
import type { ScenarioContext } from '../runner';

const EDITED_FILE = 'src/shared/money.ts';
/** A name no fixture file has, so only the new function can be the best match. */
const UNIQUE_NAME = 'refundableCentsForE2eMarker';

/**
 * Save-to-searchable: add a function in the editor, save, then Search Codebase for its name; it must be
 * the first result within a few seconds (the file watcher updates the index, no re-index command).
 */
export async function saveThenSearch(ctx: ScenarioContext): Promise<void> {
  const { wb, page } = ctx;
  await wb.openFile(EDITED_FILE);
  await wb.focusEditor();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  // one line, no comment: Enter after `/**` would make the editor add ` */` (TypeScript's onEnter rules)
  const typed = `export function ${UNIQUE_NAME}(paid: Cents, refunded: Cents): Cents { return paid - refunded; }`;
  await page.keyboard.insertText(typed);
  await page.keyboard.press('Escape');
  await wb.commandPalette('File: Save');
  const onDisk = path.join(ctx.paths.workspace, EDITED_FILE);
  const deadline = Date.now() + 10_000;
  while (!fs.readFileSync(onDisk, 'utf8').includes(UNIQUE_NAME)) {
    if (Date.now() > deadline) throw new Error(`File: Save did not write the new function to ${EDITED_FILE}`);
    await page.waitForTimeout(200);
  }
  const last = fs.readFileSync(onDisk, 'utf8').trimEnd().split('\n').pop();
  if (last !== typed) throw new Error(`the saved ${EDITED_FILE} ends with "${last}", not the typed function "${typed}"`);
  ctx.log(`saved ${EDITED_FILE} ending with: ${typed}`);
  const saved = Date.now();

  let rows: string[] = [];
  for (let attempt = 1; Date.now() - saved < 8_000 || attempt === 1; attempt++) {
    await wb.commandPalette('Groundwork: Search Codebase');
    await wb.answerInput(UNIQUE_NAME);
    rows = await wb.quickPickRows(15_000);
    if (rows[0]?.includes(UNIQUE_NAME) && rows[0].includes(EDITED_FILE)) {
      ctx.log(`first result after ${((Date.now() - saved) / 1000).toFixed(1)} s (attempt ${attempt}): "${rows[0]}"`);
      await ctx.shot('search-new-function');
      const start = Number(new RegExp(`${EDITED_FILE}:(\\d+)-`).exec(rows[0])?.[1]);
      await page.keyboard.press('Enter');
      let line = 0;
      for (const until = Date.now() + 5_000; Date.now() < until && line !== start; await page.waitForTimeout(200)) {
        line = (await wb.activeTabTitle()) === 'money.ts' ? await wb.cursorLine() : 0;
      }
      if (line !== start) throw new Error(`picking the search result did not open ${EDITED_FILE} at line ${start} (cursor on line ${line})`);
      return;
    }
    await wb.closeQuickInput();
    await page.waitForTimeout(1_000);
  }
  throw new Error(`Search Codebase does not list the saved function ${UNIQUE_NAME} first within 8 s of saving (first rows: ${JSON.stringify(rows.slice(0, 3))})`);
}

const COMPONENT_FILE = 'src/ui/OrderSummary.vue';

/**
 * A Vue component's script is parsed: Search Codebase for a method of its Options API object lists
 * the method itself, named after the component (`OrderSummary.couponLabel`), first, with the
 * method's own line under it; picking it opens the .vue file on that line.
 */
export async function searchComponent(ctx: ScenarioContext): Promise<void> {
  const { wb, page } = ctx;
  await wb.commandPalette('Groundwork: Search Codebase');
  await wb.answerInput('couponLabel');
  const rows = await wb.quickPickRows(15_000);
  const first = rows[0] ?? '';
  if (!first.includes(COMPONENT_FILE) || !first.includes('OrderSummary.couponLabel')) {
    throw new Error(`Search Codebase does not list the component method OrderSummary.couponLabel of ${COMPONENT_FILE} first (first rows: ${JSON.stringify(rows.slice(0, 3))})`);
  }
  ctx.log(`component search, first result: "${first}"`);
  await ctx.shot('search-vue-component');
  // Picking it puts the cursor on the method's own line (the listed range may start above it).
  const source = fs.readFileSync(path.join(ctx.paths.workspace, COMPONENT_FILE), 'utf8').split('\n');
  const start = source.findIndex((l) => l.includes('couponLabel(): string {')) + 1;
  if (!first.includes('couponLabel(): string {')) throw new Error(`the component result's second line is not the method's own line: "${first}"`);
  await page.keyboard.press('Enter');
  let line = 0;
  for (const until = Date.now() + 5_000; Date.now() < until && line !== start; await page.waitForTimeout(200)) {
    line = (await wb.activeTabTitle()) === 'OrderSummary.vue' ? await wb.cursorLine() : 0;
  }
  if (line !== start) throw new Error(`picking the component result did not open ${COMPONENT_FILE} at line ${start} (cursor on line ${line})`);
}
