// Scenario 4: the quick fix for IE301 adds the subset to the DestinationRule in the other file, and the
// problem goes away.
import type { Scenario } from './types';
import { IE301_MESSAGE, SUBSET_AT, VIRTUAL_SERVICE } from './diagnostic';
import { waitForEditorText } from '../editorText';

const DESTINATION_RULE = 'httpbin-destinationrule.yaml';
const FIX_TITLE = /Add subset 'httbin' to DestinationRule shop\/egress-gateway-for-httpbin/;

export const quickFix: Scenario = {
  name: 'quick fix',
  screenshot: 'quickfix.png',
  async run({ wb, screenshot, note }) {
    await wb.openFile(VIRTUAL_SERVICE);
    await wb.showProblems();
    await wb.problemRow(IE301_MESSAGE).waitFor({ timeout: 30_000 });
    await wb.goTo(SUBSET_AT.line, SUBSET_AT.column);
    await wb.page.keyboard.press('Control+.');
    const item = wb.actionItem(FIX_TITLE);
    await item.waitFor({ timeout: 15_000 });
    note(`fixes offered: ${JSON.stringify(await wb.actionWidget.locator('.monaco-list-row.action').allInnerTexts())}`);
    await screenshot();
    await wb.applyAction(FIX_TITLE);
    await wb.problemRow(IE301_MESSAGE).waitFor({ state: 'detached', timeout: 30_000 });
    note(`problems now: ${JSON.stringify(await wb.problemTexts())}`);
    // The edit went to the other file (unsaved there).
    const rule = await wb.openFile(DESTINATION_RULE);
    const text = await waitForEditorText(rule, (t) => t.includes('- name: httbin'));
    if (!text.includes('- name: httbin')) throw new Error(`the DestinationRule did not get the subset:\n${text}`);
  },
};
