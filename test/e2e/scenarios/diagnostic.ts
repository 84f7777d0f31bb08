// Scenario 3: a VirtualService routes to subset `httbin`, but the DestinationRule in another file of the
// workspace defines `httpbin`: the Problems panel shows IE301 with our message.
import type { Scenario } from './types';

export const VIRTUAL_SERVICE = 'httpbin-virtualservice.yaml';
/** Line and column of the value `httbin` in the fixture. */
export const SUBSET_AT = { line: 23, column: 17 };
export const IE301_MESSAGE = /Subset .httbin. is not defined/;
/**
 * The message once the workspace index has read the DestinationRule's file: right after start-up the server may
 * first report the subset against an index without it ("no DestinationRule exists"), then refresh.
 */
const CROSS_FILE_MESSAGE = /Subset .httbin. is not defined: DestinationRule .shop\/egress-gateway-for-httpbin. .*defines .httpbin./;

export const diagnostic: Scenario = {
  name: 'diagnostic',
  screenshot: 'diagnostic.png',
  async run({ wb, screenshot, note }) {
    await wb.openFile(VIRTUAL_SERVICE);
    await wb.showProblems();
    const row = wb.problemRow(CROSS_FILE_MESSAGE);
    const found = await row.waitFor({ timeout: 30_000 }).then(() => true, () => false);
    if (!found) throw new Error(`no IE301 problem naming the DestinationRule in the other file; problems: ${JSON.stringify(await wb.problemTexts())}`);
    const text = await row.innerText();
    note(`problem: ${JSON.stringify(text)}`);
    if (!text.includes('IE301')) throw new Error(`the problem does not show its code IE301: ${text}`);
    // The underline is in the editor too, and its hover carries the whole message (the panel cuts it).
    await wb.goTo(SUBSET_AT.line, SUBSET_AT.column); // also takes the focus back from the Problems panel
    await wb.editorOf(VIRTUAL_SERVICE).locator('.squiggly-error').first().waitFor({ timeout: 10_000 });
    await wb.showHover(CROSS_FILE_MESSAGE);
    await screenshot();
    await wb.page.keyboard.press('Escape');
  },
};
