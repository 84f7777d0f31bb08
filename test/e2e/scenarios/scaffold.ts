// Scenario 5: "Istio Egress: New Egress Route…" writes the four resources of an egress route into a new editor.
// Once through the real prompts from the command palette, once with arguments from a keybinding (automation).
import type { Scenario } from './types';
import { SCAFFOLD_PRESS } from '../codeServer';
import { readWholeEditor, waitForEditorText } from '../editorText';
import type { Workbench } from '../workbench';
import { answerPrompts } from './prompts';

const KINDS = ['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService'];
const HOST = 'postman-echo.com';

export const scaffoldInteractive: Scenario = {
  name: 'scaffold (prompts)',
  screenshot: 'scaffold.png',
  async run({ wb, screenshot, note }) {
    await wb.runCommand('Istio Egress: New Egress Route');
    // A host the fixture workspace has no route for, so the new route is clean.
    const steps = await answerPrompts(wb, { host: HOST, mode: /^\s*HTTP via/i, atModePicker: () => screenshot('scaffold-prompt.png') });
    for (const step of steps) note(step);
    note(await checkScaffold(wb, HOST));
    await screenshot();
    await wb.runCommand('View: Revert and Close Editor');
    await wb.untitledEditor.waitFor({ state: 'detached' });
  },
};

export const scaffoldWithArgs: Scenario = {
  name: 'scaffold (arguments)',
  screenshot: 'scaffold-args.png',
  async run({ wb, screenshot, note }) {
    // The run's keybindings.json binds this key to the command with { host, mode, target } (see codeServer.ts).
    await wb.page.keyboard.press(SCAFFOLD_PRESS);
    note(await checkScaffold(wb, 'httpbin.org'));
    await screenshot();
    await wb.runCommand('View: Revert and Close Editor');
    await wb.untitledEditor.waitFor({ state: 'detached' });
  },
};

async function checkScaffold(wb: Workbench, host: string): Promise<string> {
  const editor = wb.untitledEditor;
  await wb.waitForOrError(editor);
  await waitForEditorText(editor, (text) => text.includes('kind:'));
  const text = await readWholeEditor(editor);
  const missing = KINDS.filter((kind) => !text.includes(`kind: ${kind}`));
  if (missing.length) throw new Error(`the new editor lacks ${missing.join(', ')}:\n${text}`);
  if (!text.includes(`- ${host}`)) throw new Error(`the new editor does not list the host ${host}:\n${text}`);
  const mode = await wb.page.locator('#status\\.editor\\.mode').innerText().catch(() => '?');
  return `the new editor (${mode.trim()}, ${text.split('\n').length} lines) holds ${KINDS.map((kind) => `kind: ${kind}`).join(', ')} for ${host}`;
}
