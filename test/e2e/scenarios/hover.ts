// Scenario 2: hovering a field shows its documentation: the type, the default and a link to istio.io.
import type { Scenario } from './types';

export const hover: Scenario = {
  name: 'hover',
  screenshot: 'hover.png',
  async run({ wb, screenshot, note }) {
    await wb.openFile('httpbin-serviceentry.yaml');
    // Line 16 is `  resolution: DNS`; column 5 is inside the key.
    await wb.goTo(16, 5);
    const text = await wb.showHover('default: NONE');
    note(`hover: ${JSON.stringify(text.slice(0, 160))}…`);
    if (!/\bresolution\b/.test(text)) throw new Error(`hover does not name the field: ${text}`);
    const link = wb.hover.locator('a[href*="istio.io"], a[data-href*="istio.io"]').first();
    await link.waitFor({ timeout: 5_000 });
    note(`link: ${(await link.getAttribute('data-href')) ?? (await link.getAttribute('href'))}`);
    await screenshot();
    await wb.page.keyboard.press('Escape');
  },
};
