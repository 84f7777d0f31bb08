// Scenario 1: completion offers the fields a ServiceEntry still lacks, and the values of an enum field.
import type { Scenario } from './types';
import { waitForEditorText } from '../editorText';

const FILE = 'new-serviceentry.yaml';

export const completion: Scenario = {
  name: 'completion',
  screenshot: 'completion.png',
  async run({ wb, screenshot, note }) {
    const editor = await wb.openFile(FILE);
    // Line 8 of the fixture is an empty line under `spec:` indented by two spaces (the cursor goes after them).
    await wb.goTo(8, 3);
    // The first request may come before the extension is active: suggest() retries (bounded).
    const fields = await wb.suggest(['hosts', 'ports']);
    note(`fields offered under spec (Ctrl+Space ×${fields.attempts}): ${fields.labels.join(', ')}`);
    await wb.page.keyboard.press('Escape');

    // Type a new key at the end of `location: MESH_EXTERNAL`'s line; Enter keeps its indentation.
    await wb.goTo(9, 1);
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type('resolution: ');
    const text = await waitForEditorText(editor, (t) => t.includes('\n  resolution: '), 5_000);
    if (!text.includes('\n  resolution: ')) throw new Error(`typing went wrong; editor text:\n${text}`);
    const values = await wb.suggest(['DNS', 'NONE', 'STATIC']);
    note(`values offered for resolution (Ctrl+Space ×${values.attempts}): ${values.labels.join(', ')}`);
    if (values.labels.includes('MESH_EXTERNAL')) throw new Error('MESH_EXTERNAL is a location, not a resolution');
    await screenshot();
    await wb.page.keyboard.press('Escape');
    // Leave the fixture as it was, without a save prompt.
    await wb.runCommand('View: Revert and Close Editor');
    await editor.waitFor({ state: 'detached' });
  },
};
