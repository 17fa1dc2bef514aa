import type { Page } from 'playwright-core';
import { squash } from './workbench';

const QUICK_INPUT = '.quick-input-widget';

/**
 * Answers a folder dialog (showOpenDialog). code-server shows VS Code's simple file dialog, a quick
 * input holding a path: type the folder (it must exist), wait for the dialog to list it, press OK.
 */
export async function pickFolder(page: Page, title: string, folder: string, okLabel: string): Promise<void> {
  const widget = page.locator(QUICK_INPUT).filter({ hasText: title });
  await widget.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
    throw new Error(`no folder dialog "${title}" opened`);
  });
  const input = widget.locator('input').first();
  // typed key by key: the dialog completes and navigates as it reads the value, which fill() confuses
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  const typed = folder.endsWith('/') ? folder : `${folder}/`;
  await page.keyboard.type(typed, { delay: 15 });
  const ok = widget.locator('.monaco-button, .quick-input-action').filter({ hasText: okLabel }).first();
  await ok.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {
    throw new Error(`the folder dialog has no "${okLabel}" button`);
  });
  // OK is ignored while the dialog still reads the typed folder: retry until the dialog closes
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.waitForTimeout(600);
    if (!(await widget.isVisible())) return;
    if ((await input.inputValue()) !== typed) continue;
    // the dialog may close between the check and the click: then the click fails and the wait below succeeds
    await ok.click({ timeout: 2_000 }).catch((err: unknown) => err);
    if (await widget.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false)) return;
  }
  const message = squash(await widget.locator('.quick-input-message').innerText().catch(() => ''));
  throw new Error(`the folder dialog did not accept ${folder}${message ? `: "${message}"` : ` (it shows "${await input.inputValue()}")`}`);
}
