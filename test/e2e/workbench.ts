// Playwright helpers for the VS Code web workbench (1.100): everything goes through the keyboard and the
// workbench's own widgets, as a user would, and every wait is a selector with a timeout.
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM } from './paths';

const QUICK_INPUT = '.quick-input-widget';
const ACTIVE_GROUP = '.editor-group-container.active';

export async function launchBrowser(env: NodeJS.ProcessEnv): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // Playwright gives it a fresh temporary profile; the XDG dirs keep its dconf and crash-report writes out of $HOME.
    env,
  });
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** Loads the workbench and waits until the explorer lists the workspace (the folder is really open). */
  static async open(browser: Browser, url: string, someTopLevelEntry: string): Promise<Workbench> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: someTopLevelEntry }).first().waitFor({ timeout: 60_000 });
    return new Workbench(page);
  }

  get quickInput(): Locator {
    return this.page.locator(QUICK_INPUT);
  }

  /** The text field of the quick input (Quick Open, command palette, input boxes and pickers of commands). */
  get quickInputField(): Locator {
    return this.page.locator(`${QUICK_INPUT} input.input`);
  }

  quickInputRow(text: string | RegExp): Locator {
    return this.page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: text }).first();
  }

  /** Picks the row of an open picker whose text matches, with the keyboard: Down until it has the focus, Enter. */
  async pickQuickInputRow(text: RegExp): Promise<void> {
    const rows = this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`);
    const focused = this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row.focused`);
    const count = await rows.count();
    for (let i = 0; i <= count; i++) {
      if (text.test(await focused.innerText({ timeout: 2_000 }).catch(() => ''))) {
        await this.page.keyboard.press('Enter');
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no row of the picker matches ${String(text)}`);
  }

  /** Opens a workspace file by Quick Open (Ctrl+P) and returns its editor, focused. */
  async openFile(fileName: string): Promise<Locator> {
    await this.page.keyboard.press('Control+P');
    await this.quickInputField.waitFor({ state: 'visible' });
    await this.quickInputField.fill(fileName);
    await this.quickInputRow(fileName).waitFor({ timeout: 30_000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`${ACTIVE_GROUP} .tab.active`, { hasText: fileName }).waitFor();
    // Quick Open leaves the keyboard focus in the editor it opened.
    const editor = this.editorOf(fileName);
    await editor.locator('.view-lines').waitFor();
    return editor;
  }

  editorOf(fileName: string): Locator {
    return this.page.locator(`${ACTIVE_GROUP} .monaco-editor[data-uri$="/${fileName}"]`);
  }

  get untitledEditor(): Locator {
    return this.page.locator(`${ACTIVE_GROUP} .monaco-editor[data-uri^="untitled:"]`);
  }

  /** Puts the cursor at line:column (1-based) of the active editor with Go to Line (`:` in Quick Open). */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+P');
    await this.quickInputField.waitFor({ state: 'visible' });
    await this.quickInputField.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden' });
  }

  /** Runs a command from the palette (F1) by its title as the palette lists it. */
  async runCommand(title: string, tries = 4): Promise<void> {
    // The palette lists the commands known when it opens; right after start-up the extensions' contributions may
    // not be registered yet, so reopen it (bounded) until the command is listed.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      await this.quickInputField.waitFor({ state: 'visible' });
      await this.quickInputField.fill(`>${title}`);
      const listed = await this.quickInputRow(title).waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (listed) break;
      await this.page.keyboard.press('Escape');
      if (attempt >= tries) throw new Error(`the command palette does not list "${title}"`);
    }
    await this.page.keyboard.press('Enter');
    // The palette is gone once the quick input closes or shows the command's own prompt.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await this.quickInputField.isVisible()) && (await this.quickInputField.inputValue().catch(() => '')).startsWith('>')) {
      await this.page.waitForTimeout(50);
    }
  }

  get suggestWidget(): Locator {
    return this.page.locator('.editor-widget.suggest-widget.visible');
  }

  /**
   * Ctrl+Space until the suggest widget lists every wanted label. Retrying is needed because the first request
   * can come before the extension has activated or the language server has read the workspace.
   */
  async suggest(wanted: string[], tries = 8): Promise<{ labels: string[]; attempts: number }> {
    let labels: string[] = [];
    for (let attempt = 1; attempt <= tries; attempt++) {
      await this.page.keyboard.press('Control+Space');
      const rows = this.suggestWidget.locator('.monaco-list-row');
      const row = (label: string): Locator => rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
      const found = await Promise.all(wanted.map((label) => row(label).waitFor({ timeout: 5_000 }).then(() => true, () => false)));
      labels = await this.suggestWidget.locator('.monaco-list-row .label-name').allInnerTexts().catch(() => []);
      if (found.every(Boolean)) return { labels, attempts: attempt };
      await this.page.keyboard.press('Escape');
      await this.page.waitForTimeout(500); // bounded retry: let the extension host catch up before asking again
    }
    throw new Error(`suggest widget lists ${JSON.stringify(labels)}, not all of ${JSON.stringify(wanted)}`);
  }

  /** The visible hover widget. */
  get hover(): Locator {
    return this.page.locator('.monaco-editor .monaco-hover').filter({ visible: true }).first();
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text once it contains `expected`. */
  async showHover(expected: string | RegExp, tries = 3): Promise<string> {
    let text = '';
    for (let attempt = 1; attempt <= tries; attempt++) {
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      text = await this.hover.innerText({ timeout: 5_000 }).catch(() => '');
      const deadline = Date.now() + 5_000;
      while (!matches(text, expected) && Date.now() < deadline) {
        await this.page.waitForTimeout(100); // the hover first says "Loading..."
        text = await this.hover.innerText({ timeout: 1_000 }).catch(() => '');
      }
      if (matches(text, expected)) return text;
      await this.page.keyboard.press('Escape');
    }
    throw new Error(`hover text ${JSON.stringify(text)} does not match ${String(expected)}`);
  }

  /** Opens the Problems panel (Ctrl+Shift+M). */
  async showProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible' });
  }

  problemRow(text: string | RegExp): Locator {
    return this.page.locator('.markers-panel .monaco-list-row', { hasText: text });
  }

  async problemTexts(): Promise<string[]> {
    return this.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  }

  /** An error dialog or notification about our extension (a failed or missing command, for one). */
  get istioError(): Locator {
    return this.page
      .locator('.monaco-dialog-box, .notifications-toasts .notification-toast')
      .filter({ visible: true })
      .filter({ hasText: /istio/i })
      .filter({ hasText: /error|not found|failed|could not|cannot/i })
      .first();
  }

  /** Waits for `target`, failing at once with its text when an error about our extension shows up instead. */
  async waitForOrError(target: Locator, timeout = 30_000): Promise<void> {
    // Only visible matches count: the quick input's field, for one, stays in the page while hidden.
    await target.or(this.istioError).filter({ visible: true }).first().waitFor({ timeout });
    if (await this.istioError.isVisible()) {
      const text = (await this.istioError.innerText()).replace(/\s+/g, ' ').trim();
      await this.page.keyboard.press('Escape');
      throw new Error(`VS Code reports: ${text}`);
    }
  }

  /** The code action menu (Ctrl+.). */
  get actionWidget(): Locator {
    return this.page.locator('.action-widget').filter({ visible: true }).first();
  }

  actionItem(text: string | RegExp): Locator {
    return this.actionWidget.locator('.monaco-list-row.action', { hasText: text }).first();
  }

  /**
   * Applies an item of the open code action menu with the keyboard (a mouse click lands on the context view's
   * pointer block): Down until it has the focus, then Enter.
   */
  async applyAction(text: string | RegExp): Promise<void> {
    const rows = await this.actionWidget.locator('.monaco-list-row.action').count();
    const focused = this.actionWidget.locator('.monaco-list-row.action.focused', { hasText: text });
    for (let i = 0; i <= rows && !(await focused.count()); i++) await this.page.keyboard.press('ArrowDown');
    if (!(await focused.count())) throw new Error(`could not focus the action ${String(text)}`);
    await this.page.keyboard.press('Enter');
    await this.actionWidget.waitFor({ state: 'hidden' }).catch(() => undefined);
  }
}

function matches(text: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}
