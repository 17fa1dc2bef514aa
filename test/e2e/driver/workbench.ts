import type { Frame, Locator, Page } from 'playwright-core';

const QUICK_INPUT = '.quick-input-widget';
const QUICK_ROW = '.quick-input-list .monaco-list-row';
// The editor's own lines and gutter, not those of editors nested in its view zones (comment threads)
const EDITOR_LINES = ':scope > .overflow-guard > .monaco-scrollable-element > .lines-content > .view-lines';
const EDITOR_NUMBERS = ':scope > .overflow-guard > .margin .line-numbers';

/** Text with runs of whitespace collapsed, as a person reads it. */
export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

declare global {
  interface Window {
    __gwNotifications?: string[];
  }
}

/**
 * Page object for the VS Code workbench served by code-server. Selectors follow VS Code 1.139's DOM;
 * every wait fails with a message that says what a user would have missed.
 */
export class Workbench {
  constructor(readonly page: Page) {}

  /** Waits for the workbench and for an extension's activity-bar container (contributions arrive late). */
  async waitReady(containerTitle: string, timeoutMs = 90_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.recordNotifications();
    const icon = this.activityBarItem(containerTitle);
    await icon.waitFor({ state: 'visible', timeout: timeoutMs }).catch(() => {
      throw new Error(`the activity bar shows no "${containerTitle}" icon after ${timeoutMs / 1000} s`);
    });
  }

  activityBarItem(title: string): Locator {
    return this.page.locator(`.activitybar [aria-label^="${title}"]`).first();
  }

  /** Runs a command from the command palette (F1) by its full title, e.g. "Groundwork: Re-index Workspace". */
  async commandPalette(title: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    const input = this.page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`>${title}`);
    const row = this.page.locator(QUICK_ROW).filter({ hasText: title }).first();
    await row.waitFor({ timeout: 15_000 }).catch(() => {
      throw new Error(`the command palette does not offer "${title}"`);
    });
    await row.click();
  }

  /** Keeps a list of every notification text shown, so that short-lived toasts can still be asserted. */
  private async recordNotifications(): Promise<void> {
    await this.page.evaluate(() => {
      if (window.__gwNotifications) return;
      const seen: string[] = [];
      window.__gwNotifications = seen;
      const collect = (): void => {
        for (const el of Array.from(document.querySelectorAll<HTMLElement>('.notification-toast, .notifications-center .notification-list-item'))) {
          const text = el.innerText.replace(/\s+/g, ' ').trim();
          if (text && !seen.includes(text)) seen.push(text);
        }
      };
      new MutationObserver(collect).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }

  /** Every notification text seen since the workbench loaded. */
  async notificationsSeen(): Promise<string[]> {
    return this.page.evaluate(() => [...(window.__gwNotifications ?? [])]);
  }

  /** Waits for a notification containing `text`; returns its text. Also matches one that came and went since the last clear. */
  async waitNotification(text: string | RegExp, timeoutMs = 60_000): Promise<string> {
    const matches = (t: string): boolean => (typeof text === 'string' ? t.includes(text) : text.test(t));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const hit = (await this.notificationsSeen()).find(matches);
      if (hit) return hit;
      await this.page.waitForTimeout(200);
    }
    const seen = await this.notificationsSeen();
    throw new Error(
      `no notification matching ${String(text)} within ${timeoutMs / 1000} s (seen: ${seen.map((s) => `"${s}"`).join(', ') || 'none'})`,
    );
  }

  /** A visible notification toast containing `text`. */
  notificationToast(text: string | RegExp): Locator {
    return this.page.locator('.notification-toast').filter({ hasText: text }).first();
  }

  /** Waits until a toast matching `text` is visible and its fade-in is over (for screenshots). */
  async settleToast(text: string | RegExp): Promise<void> {
    const toast = this.notificationToast(text);
    if (await toast.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
      await this.page.waitForTimeout(400);
    }
  }

  /** Shows a view container in the side bar by its activity-bar title (clicking only when it is not showing). */
  async showContainer(title: string): Promise<void> {
    const item = this.activityBarItem(title);
    const active = await item.evaluate((el) => {
      const entry = el.closest('.action-item') ?? el;
      return entry.classList.contains('checked') || el.getAttribute('aria-pressed') === 'true';
    });
    if (!active) await item.click();
    await this.page.locator('.part.sidebar .composite.title').filter({ hasText: new RegExp(title, 'i') }).first()
      .waitFor({ state: 'visible', timeout: 10_000 })
      .catch(() => {
        throw new Error(`the side bar does not show the ${title} container`);
      });
  }

  /** Clears every notification, and the history that waitNotification() searches. */
  async clearNotifications(): Promise<void> {
    await this.commandPalette('Notifications: Clear All Notifications');
    await this.page.locator('.notification-toast').first().waitFor({ state: 'hidden', timeout: 5_000 });
    await this.page.evaluate(() => window.__gwNotifications?.splice(0));
  }

  /** A status bar item whose text (icons excluded) matches. */
  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.statusbar .statusbar-item').filter({ hasText: text }).first();
  }

  /** Icon names (`check`, `sync~spin` → `sync`) shown inside a status bar item or any element. */
  async codicons(item: Locator): Promise<string[]> {
    return item.locator('.codicon').evaluateAll((els) =>
      els.flatMap((el) => Array.from(el.classList).filter((c) => c.startsWith('codicon-')).map((c) => c.slice('codicon-'.length))),
    );
  }

  /** Opens a workspace file with Quick Open and waits for its editor to be active. */
  async openFile(name: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(name);
    const base = name.split('/').pop() ?? name;
    // Enter picks the focused row: wait until it is the file (not a recently opened one the list showed first)
    const row = this.page.locator(`${QUICK_ROW}.focused`).filter({ hasText: base }).first();
    await row.waitFor({ timeout: 15_000 }).catch(() => {
      throw new Error(`Quick Open does not find ${name} in the workspace`);
    });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active').filter({ hasText: base }).waitFor({ timeout: 15_000 });
    await this.editorLines().waitFor();
  }

  /** The active editor's `.view-lines` (its text, without zones such as comment threads). */
  editorLines(): Locator {
    return this.activeEditor().locator(EDITOR_LINES);
  }

  /**
   * Focuses the active editor by clicking the start of a text line near the middle of what it shows
   * (a point where that line, not sticky scroll or a comment thread, receives the click).
   */
  async focusEditor(): Promise<void> {
    const point = await this.editorLines().evaluate((lines) => {
      const guard = lines.closest('.overflow-guard')!.getBoundingClientRect();
      const rows = Array.from(lines.querySelectorAll<HTMLElement>(':scope > .view-line'))
        .map((row) => ({ row, r: row.getBoundingClientRect() }))
        .filter(({ r }) => r.height > 0 && r.top >= guard.top && r.bottom <= guard.bottom)
        .sort((a, b) => Math.abs(a.r.top - (guard.top + guard.height / 2)) - Math.abs(b.r.top - (guard.top + guard.height / 2)));
      for (const { row, r } of rows) {
        const x = r.left + 2;
        const y = r.top + r.height / 2;
        if (row.contains(document.elementFromPoint(x, y))) return { x, y };
      }
      return undefined;
    });
    if (!point) throw new Error('the editor shows no line that can be clicked');
    await this.page.mouse.click(point.x, point.y);
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Selects whole lines a..b (1-based) in the active editor. */
  async selectLines(a: number, b: number): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    await this.page.locator(`${QUICK_INPUT} input`).waitFor({ state: 'visible' });
    await this.page.keyboard.type(String(a));
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Home');
    await this.page.keyboard.press('Home'); // twice: the first stops at the indentation
    for (let line = a; line < b; line++) await this.page.keyboard.press('Shift+ArrowDown');
    await this.page.keyboard.press('Shift+End');
  }

  /** Opens the editor's context menu at the cursor (keeps the selection) and picks an item. */
  async contextMenu(item: string): Promise<void> {
    await this.page.keyboard.press('Shift+F10');
    const entry = this.page.locator('.monaco-menu .action-item').filter({ hasText: item }).first();
    await entry.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
      throw new Error(`the editor's context menu has no "${item}" item`);
    });
    // hover focuses the item, Enter runs it (a click can land while the menu still lays itself out)
    await entry.hover();
    await this.page.waitForTimeout(100);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.monaco-menu').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {
      throw new Error(`the editor's context menu stayed open after choosing "${item}"`);
    });
  }

  /** The webview frame (`iframe.webview` > `iframe#active-frame`) that contains `selector`. */
  async webviewFrame(selector: string, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        const count = await frame.locator(selector).count().catch(() => 0);
        if (count > 0) return frame;
      }
      await this.page.waitForTimeout(300);
    }
    throw new Error(`no webview shows ${selector} within ${timeoutMs / 1000} s`);
  }

  /** Texts of the comment threads (Comments API zones, `.review-widget`) in the open editors. */
  async commentThreads(): Promise<string[]> {
    return (await this.page.locator('.review-widget').allInnerTexts()).map(squash);
  }

  /** Waits for a comment thread containing `text`, scrolls it into view and returns its text. */
  async waitCommentThread(text: string | RegExp, timeoutMs = 60_000): Promise<string> {
    const thread = this.page.locator('.review-widget').filter({ hasText: text }).first();
    await thread.waitFor({ state: 'attached', timeout: timeoutMs }).catch(async () => {
      const shown = await this.commentThreads();
      throw new Error(`no comment thread matching ${String(text)} within ${timeoutMs / 1000} s (threads: ${JSON.stringify(shown)})`);
    });
    await thread.scrollIntoViewIfNeeded();
    return squash(await thread.innerText());
  }

  /** Rows of the Problems panel (opens it). */
  async problems(): Promise<string[]> {
    await this.commandPalette('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout: 15_000 });
    await this.page.waitForTimeout(300);
    return (await panel.locator('.monaco-list-row').allInnerTexts()).map(squash);
  }

  /**
   * The inline-completion ghost text shown in the active editor ('' if none): the part inside the cursor's
   * line (token-coloured `.ghost-text-decoration` spans) followed by any lines the suggestion adds below.
   */
  async ghostText(): Promise<string> {
    const editor = this.activeEditor();
    const inline = (await editor.locator('.ghost-text-decoration').allInnerTexts()).join('').replace(/\u00a0/g, ' ');
    const below = (await editor.locator('.suggest-preview-text .view-line').allInnerTexts()).map((l) => l.replace(/\u00a0/g, ' '));
    return [inline, ...below].join('\n');
  }

  /** Moves the cursor of the active editor to the start of line `n` (Ctrl+G), which scrolls it into view. */
  async goToLine(n: number): Promise<void> {
    await this.closeQuickInput();
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    await this.page.locator(`${QUICK_INPUT} input`).waitFor({ state: 'visible' });
    await this.page.keyboard.type(String(n));
    await this.page.keyboard.press('Enter');
    await this.page.waitForTimeout(150);
  }

  /**
   * The text of line `n` of the active editor as rendered (unsaved edits included): the `.view-line` at
   * the same height as the gutter's line number `n`, ghost text left out. Moves the cursor there first.
   */
  async editorLineText(n: number): Promise<string> {
    await this.goToLine(n);
    const text = await this.activeEditor().evaluate((editor, [line, numbers, lines]) => {
      const number = Array.from(editor.querySelectorAll<HTMLElement>(numbers))
        .find((el) => el.textContent?.trim() === String(line));
      const top = number?.parentElement?.style.top;
      if (!top) return undefined;
      const row = Array.from(editor.querySelectorAll<HTMLElement>(`${lines} > .view-line`)).find((el) => el.style.top === top);
      if (!row) return undefined;
      // Without inline-completion ghost text: moving the cursor can ask for (and show) a new one.
      const copy = row.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[class*="ghost-text"]').forEach((el) => el.remove());
      return (copy.textContent ?? '').replace(/\u00a0/g, ' ');
    }, [n, EDITOR_NUMBERS, EDITOR_LINES] as const);
    if (text === undefined) throw new Error(`the editor does not show line ${n}`);
    return text;
  }

  /** The cursor's line in the active editor, read from the status bar ("Ln 12, Col 3"). */
  async cursorLine(): Promise<number> {
    const item = this.statusBarItem(/Ln \d+, Col \d+/);
    await item.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
      throw new Error('the status bar shows no cursor position (Ln, Col)');
    });
    return Number(/Ln (\d+)/.exec(await item.innerText())?.[1]);
  }

  /** The file name shown by the active editor tab. */
  async activeTabTitle(): Promise<string> {
    const tab = this.page.locator('.editor-group-container.active .tabs-container .tab.active').first();
    return (await tab.getAttribute('data-resource-name')) ?? squash(await tab.innerText());
  }

  /** The editor line (1-based) a comment thread matching `text` is shown under: its zone sits below that line. */
  async commentThreadLine(text: string | RegExp): Promise<number> {
    const thread = this.page.locator('.review-widget').filter({ hasText: text }).first();
    await thread.scrollIntoViewIfNeeded();
    const top = (await thread.boundingBox())?.y;
    if (top === undefined) throw new Error(`the comment thread matching ${String(text)} is not on screen`);
    const line = await this.activeEditor().evaluate((editor, [zoneTop, numbers]) => {
      let best: { bottom: number; n: number } | undefined;
      for (const el of Array.from(editor.querySelectorAll<HTMLElement>(numbers))) {
        const r = el.getBoundingClientRect();
        const n = Number(el.textContent?.trim());
        if (r.height > 0 && Number.isFinite(n) && r.bottom <= zoneTop + 2 && (!best || r.bottom > best.bottom)) best = { bottom: r.bottom, n };
      }
      return best?.n;
    }, [top, EDITOR_NUMBERS] as const);
    if (line === undefined) throw new Error(`no editor line is shown above the comment thread matching ${String(text)}`);
    return line;
  }

  /** Clicks a title action (e.g. "Apply Suggestion", "Dismiss") of the comment thread matching `text`. */
  async commentThreadAction(text: string | RegExp, action: string): Promise<void> {
    const thread = this.page.locator('.review-widget').filter({ hasText: text }).first();
    await thread.scrollIntoViewIfNeeded();
    await thread.locator('.head').hover();
    const button = thread.locator(`.head .action-label[aria-label^="${action}"]`).first();
    await button.waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
      const offered = await thread.locator('.head .action-label').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
      throw new Error(`the comment thread offers no "${action}" action (it offers: ${JSON.stringify(offered)})`);
    });
    await button.click();
  }

  /** Types `reply` in a comment thread's reply box and presses the form's `action` button (comments/commentThread/context). */
  async commentReplyAction(text: string | RegExp, reply: string, action: string): Promise<void> {
    const thread = this.page.locator('.review-widget').filter({ hasText: text }).first();
    await thread.scrollIntoViewIfNeeded();
    const opener = thread.locator('.review-thread-reply-button');
    if (await opener.isVisible().catch(() => false)) await opener.click();
    const editor = thread.locator('.comment-form .monaco-editor').first();
    await editor.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
      throw new Error('the comment thread shows no reply box');
    });
    await editor.click();
    await this.page.keyboard.insertText(reply); // insertText: no auto-closed brackets
    const button = thread.getByText(action, { exact: true }).first();
    await button.waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
      const offered = await thread.locator('a, button').allInnerTexts();
      throw new Error(`the reply box offers no "${action}" button (it offers: ${JSON.stringify(offered)})`);
    });
    await button.click();
  }

  /** Types `value` into the open input box / quick pick (e.g. after showInputBox) and presses Enter. */
  async answerInput(value: string): Promise<void> {
    const input = this.page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
      throw new Error('no input box opened');
    });
    await input.fill(value);
    await this.page.keyboard.press('Enter');
  }

  /** The rows of the open quick pick (label, description and detail squashed), waiting until there is one. */
  async quickPickRows(timeoutMs = 15_000): Promise<string[]> {
    const rows = this.page.locator(QUICK_ROW);
    await rows.first().waitFor({ state: 'visible', timeout: timeoutMs }).catch(() => {
      throw new Error(`the quick pick shows no rows within ${timeoutMs / 1000} s`);
    });
    return (await rows.allInnerTexts()).map(squash);
  }

  async closeQuickInput(): Promise<void> {
    if (await this.page.locator(QUICK_INPUT).isVisible()) await this.page.keyboard.press('Escape');
  }

  /** Closes menus, quick inputs and toasts after a failed scenario, so the next one starts clean. */
  async dismissOverlays(): Promise<void> {
    for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
    await this.clearNotifications();
  }
}
