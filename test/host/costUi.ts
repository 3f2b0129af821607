// The cost meter as a student sees it after coming back: the start-up reminder in the notification center (the
// suite's run left WebServer running), the status-bar meter with its tooltip, and its click opening the breakdown.
// Works on the rendered workbench only (no extension API).
import type { Page } from 'playwright-core';
import { runCommand } from './labUi';

export interface CostUiResult {
  reminder: string;
  meter: string;
  rows: string[];
  total: string;
  ipv4: string;
  prices: string;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The start-up reminder's text, read in the notification center (toasts do not show under the smoke driver). */
export async function readStartupReminder(page: Page, timeoutMs = 30_000): Promise<string> {
  await runCommand(page, 'Notifications: Show Notifications');
  const item = page
    .locator('.notifications-center .notification-list-item', { hasText: /Last time the lab was left running/ })
    .first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  const text = clean(await item.locator('.notification-list-item-message').textContent());
  const buttons = await item.locator('.monaco-button').allTextContents();
  await runCommand(page, 'Notifications: Hide Notifications').catch(() => undefined);
  return `${text} [${buttons.map(clean).join(' | ')}]`;
}

/** The meter's text and tooltip (photographed), then its click: the breakdown's rows (photographed). */
export async function readMeterAndBreakdown(
  page: Page,
  shots: { meter: string; breakdown: string },
  timeoutMs = 30_000,
): Promise<Omit<CostUiResult, 'reminder'>> {
  // Nothing else in the picture: editors the suite left open (an index.html over SSH) are closed first.
  await runCommand(page, 'View: Close All Editors').catch(() => undefined);
  const meter = page.locator('.statusbar-item', { hasText: /(USD|JPY)\/h/ }).first();
  await meter.waitFor({ state: 'visible', timeout: timeoutMs });
  const text = clean(await meter.textContent());
  await meter.hover();
  await page
    .locator('.monaco-hover', { hasText: /what it would cost|costing/ })
    .first()
    .waitFor({ state: 'visible', timeout: 5_000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
  await page.screenshot({ path: shots.meter });
  await page.mouse.move(640, 300);
  await meter.locator('a, .statusbar-item-label').first().click();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const table = frame.locator('#breakdown');
      if ((await table.count().catch(() => 0)) === 0) continue;
      const rows = await frame
        .locator('#breakdown tbody tr')
        .evaluateAll((els) =>
          els.map((el) =>
            [...el.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' | '),
          ),
        );
      const total = clean(await frame.locator('#total').textContent());
      const ipv4 = clean(
        await frame
          .locator('#ipv4')
          .textContent()
          .catch(() => ''),
      );
      const prices = clean(await frame.locator('#prices').textContent());
      await page.mouse.move(0, 0);
      await page.waitForTimeout(400);
      await page.screenshot({ path: shots.breakdown });
      return { meter: text, rows, total, ipv4, prices };
    }
    if (Date.now() > deadline) throw new Error('the cost breakdown never opened');
    await page.waitForTimeout(300);
  }
}
