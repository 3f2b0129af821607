// The cost meter as a student sees it after coming back: the start-up reminder in the notification center (the
// suite's run left WebServer running), the status-bar meter with its tooltip, and its click opening the breakdown
// (cost-meter.png, cost-breakdown.png). Works on the rendered workbench only (no extension API).
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { runCommand } from './labUi';
import type { RecordCheck } from './outcomes';

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

/**
 * Coming back: the suite's window left WebServer running, so this start-up says so; the meter shows the rate, and
 * its click opens the breakdown, whose total is the meter's rate.
 */
export async function costPass(page: Page, record: RecordCheck, artifacts: string): Promise<void> {
  const shots = { meter: join(artifacts, 'cost-meter.png'), breakdown: join(artifacts, 'cost-breakdown.png') };
  try {
    const reminder = await readStartupReminder(page);
    record(
      `ui: a reminder at start-up says the lab was left running ("${reminder}")`,
      /Last time the lab was left running on the practice account \(ap-northeast-1\): .*EC2 instances 1.*, for .*would have cost about \d+\.\d\d USD/.test(
        reminder,
      ) &&
        /Clean Up Now/.test(reminder) &&
        /Remind Me Later/.test(reminder),
      reminder,
    );
    const cost = await readMeterAndBreakdown(page, shots);
    const rate = /^(\d+\.\d{3}) USD\/h · \d+\.\d\d USD \(practice\)$/.exec(cost.meter)?.[1];
    const totalHourly = Number(
      cost.total.split(' | ')[0]?.match(/\d+\.\d{4}/)?.[0] ?? cost.total.match(/\d+\.\d{4}/)?.[0] ?? NaN,
    );
    record(
      `ui: the status bar meter reads "${cost.meter}", the breakdown's total ${totalHourly} USD/h`,
      rate !== undefined && Number(rate) === Number(totalHourly.toFixed(3)),
      cost.rows.join('\n'),
    );
    record(
      `ui: the breakdown lists WebServer at the t2.micro Tokyo rate, the IPv4 line and the price source (${cost.rows.length} rows)`,
      cost.rows.some((r) => /^WebServer/.test(r) && /t2\.micro/.test(r) && /\b0\.0152\b/.test(r)) &&
        /Public IPv4: 1 address, 0\.0050 USD\/h/.test(cost.ipv4) &&
        /Prices: /.test(cost.prices),
      `${cost.rows.join('\n')}\n${cost.ipv4}\n${cost.prices}`,
    );
    console.log(
      `host: screenshots ${[shots.meter, shots.breakdown].map((f) => relative(process.cwd(), f)).join(', ')}`,
    );
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'cost-failure.png') }).catch(() => undefined);
    record(
      'ui: start-up reminder, cost meter and breakdown',
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/cost-failure.png)`,
    );
  }
}
