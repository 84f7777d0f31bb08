// Reading an editor's text from the DOM. Monaco renders only the lines in view, reuses line nodes (DOM order is
// not line order) and draws spaces as U+00A0; these helpers undo all of that.
import type { Locator } from 'playwright-core';

/**
 * The text of an editor's rendered lines, in line order. Monaco reuses line nodes (DOM order is not line order,
 * so sort by their `top`) and renders spaces as U+00A0; only lines in the viewport exist.
 */
export async function editorText(editor: Locator): Promise<string> {
  return editor.evaluate((element) => {
    // The tsconfig has no DOM library; describe the little of a DOM element this uses.
    type LineNode = { style: { top: string }; textContent: string | null };
    const root = element as unknown as { querySelectorAll(selector: string): ArrayLike<LineNode> };
    const lines = Array.from(root.querySelectorAll('.view-lines .view-line'));
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}

/** Polls an editor until its text satisfies `ok`; returns the last text either way. */
export async function waitForEditorText(editor: Locator, ok: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = await editorText(editor).catch(() => '');
  while (!ok(text) && Date.now() < deadline) {
    await editor.page().waitForTimeout(200);
    text = await editorText(editor).catch(() => '');
  }
  return text;
}

/** The rendered lines of an editor by line number: the margin's line numbers and the text lines share their `top`. */
export async function renderedLines(editor: Locator): Promise<Array<[number, string]>> {
  return editor.evaluate((element) => {
    type Node = { style: { top: string }; textContent: string | null };
    const root = element as unknown as { querySelectorAll(selector: string): ArrayLike<Node> };
    const numbers = new Map<string, number>();
    for (const margin of Array.from(root.querySelectorAll('.margin-view-overlays > div'))) {
      const number = parseInt(margin.textContent ?? '', 10);
      if (!Number.isNaN(number)) numbers.set(margin.style.top, number);
    }
    const lines: Array<[number, string]> = [];
    for (const line of Array.from(root.querySelectorAll('.view-lines .view-line'))) {
      const number = numbers.get(line.style.top);
      if (number !== undefined) lines.push([number, (line.textContent ?? '').replace(/\u00a0/g, ' ')]);
    }
    return lines.sort((a, b) => a[0] - b[0]);
  });
}

/**
 * All of an editor's text, although only the viewport is rendered: Ctrl+End shows the last line number, then from
 * Ctrl+Home on, Page Down until every line has been seen.
 */
export async function readWholeEditor(editor: Locator, maxPages = 40): Promise<string> {
  const page = editor.page();
  await editor.locator('.view-lines').click(); // keyboard focus in this editor (only moves the cursor)
  await page.keyboard.press('Control+End');
  const total = await pollFor(async () => {
    const status = await page.locator('#status\\.editor\\.selection').innerText().catch(() => '');
    const line = Number(/Ln (\d+)/.exec(status)?.[1]);
    const lines = await renderedLines(editor);
    return lines.some(([number]) => number === line) && lines[lines.length - 1]?.[0] === line ? line : undefined;
  });
  if (total === undefined) throw new Error('could not tell how many lines the editor has');
  const all = new Map<number, string>();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < maxPages && all.size < total; i++) {
    // Wait (bounded) until Page Down has brought new lines into view.
    await pollFor(async () => ((await renderedLines(editor)).some(([number]) => !all.has(number)) ? true : undefined), 2_000);
    for (const [number, text] of await renderedLines(editor)) all.set(number, text);
    await page.keyboard.press('PageDown');
  }
  await page.keyboard.press('Control+Home');
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !all.has(n));
  if (missing.length) throw new Error(`editor lines ${missing.join(', ')} were never rendered`);
  return Array.from({ length: total }, (_, i) => all.get(i + 1)).join('\n');
}

/** Calls `probe` every 50 ms until it returns a value, or gives up (undefined) after `timeoutMs`. */
async function pollFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() >= deadline) return value;
    await new Promise((done) => setTimeout(done, 50));
  }
}
