// Answers a command's prompts the way a user would: reads what each input box or picker asks, types the host
// where a host is asked for, picks the wanted mode, and otherwise accepts the proposed default with Enter.
import type { Workbench } from '../workbench';

export interface Answers {
  host: string;
  /** Matches the label of the mode to pick. */
  mode: RegExp;
  /** Called while the mode picker is open, before picking (for a screenshot). */
  atModePicker?: () => Promise<void>;
}

interface PromptState {
  /** Title, message and placeholder of the quick input, joined. */
  prompt: string;
  /** Labels of the picker's rows; empty for an input box. */
  rows: string[];
  value: string;
}

const MAX_PROMPTS = 12;

/** Returns one line per prompt answered; done when a new untitled editor shows up instead of a prompt. */
export async function answerPrompts(wb: Workbench, answers: Answers): Promise<string[]> {
  const steps: string[] = [];
  for (let i = 0; i < MAX_PROMPTS; i++) {
    // Either the next prompt or the command's result (a new editor) shows up.
    await wb.waitForOrError(wb.quickInputField.or(wb.untitledEditor));
    if (!(await wb.quickInputField.isVisible())) return steps;
    const state = await readPrompt(wb);
    if (state.rows.length === 0) {
      if (/host/i.test(state.prompt) && !state.value) {
        await wb.quickInputField.fill(answers.host);
        steps.push(`input "${state.prompt}" ← ${answers.host}`);
      } else {
        steps.push(`input "${state.prompt}" ← default "${state.value}"`);
      }
      await wb.page.keyboard.press('Enter');
    } else {
      const mode = state.rows.find((row) => answers.mode.test(row));
      if (mode && /mode|traffic|protocol|how/i.test(state.prompt + state.rows.join(' '))) {
        await answers.atModePicker?.();
        await wb.pickQuickInputRow(answers.mode);
        steps.push(`pick "${state.prompt}" → ${mode.split('\n')[0]}`);
      } else {
        steps.push(`pick "${state.prompt}" → default (${state.rows[0]?.split('\n')[0] ?? '?'})`);
        await wb.page.keyboard.press('Enter');
      }
    }
    await waitForNextPrompt(wb, state);
  }
  throw new Error(`more than ${MAX_PROMPTS} prompts: ${steps.join('; ')}`);
}

async function readPrompt(wb: Workbench): Promise<PromptState> {
  const widget = wb.quickInput;
  // An input box asks in its message, a picker in its placeholder; VS Code's "Press 'Enter'…" hint is noise.
  const parts = await Promise.all([
    widget.locator('.quick-input-message').innerText().catch(() => ''),
    wb.quickInputField.getAttribute('placeholder').catch(() => ''),
  ]);
  const prompt = parts
    .map((part) => (part ?? '').replace(/\(?Press 'Enter' to confirm[^)]*\)?/g, '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' | ');
  const rows = await widget.locator('.quick-input-list .monaco-list-row').filter({ visible: true }).allInnerTexts();
  return { prompt, rows, value: await wb.quickInputField.inputValue() };
}

/** Waits (bounded) until the quick input closes or shows a different prompt. */
async function waitForNextPrompt(wb: Workbench, previous: PromptState): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (!(await wb.quickInputField.isVisible())) return;
    const now = await readPrompt(wb);
    if (now.prompt !== previous.prompt || now.rows.join() !== previous.rows.join()) return;
    await wb.page.waitForTimeout(100);
  }
  throw new Error(`the prompt "${previous.prompt}" did not go away`);
}
