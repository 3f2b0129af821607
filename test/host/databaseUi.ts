// The host pass's track 2, after the suite ran 2.1-2.5 through the commands: the explorer's Databases group on
// test-rds-1 after its failover — the primary and the standby with their AZs (explorer-databases.png); then 2.5's
// contrast from the palette, a reboot without failover charted while the site is watched (failover-chart.png).
import { join, relative } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { openExplorerToDatabase } from './explorerUi';
import { runCommand } from './labUi';

type Record = (name: string, ok: boolean, detail?: string) => void;

export async function databasePass(page: Page, record: Record, artifacts: string): Promise<void> {
  const shot = join(artifacts, 'explorer-databases.png');
  try {
    const db = await openExplorerToDatabase(page, 'test-rds-1', shot);
    const primary = db.rows.find((r) => /^primary\b/.test(r)) ?? '';
    const standby = db.rows.find((r) => /^standby\b/.test(r)) ?? '';
    const az = (text: string) => /ap-northeast-1[a-d]/.exec(text)?.[0];
    record(
      `ui: the Databases group shows test-rds-1 Multi-AZ with its primary and standby in two AZs ("${primary}"; "${standby}")`,
      /Multi-AZ/.test(db.database) && !!az(primary) && !!az(standby) && az(primary) !== az(standby),
      [db.database, ...db.rows].join('\n'),
    );
    console.log(`host: screenshot ${relative(process.cwd(), shot)}`);
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'databases-failure.png') }).catch(() => undefined);
    record(
      'ui: the Databases group shows test-rds-1 with its primary and standby',
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/databases-failure.png)`,
    );
  }
}

/** The failover chart's webview once its watch is over (no "watching…" left), with its summary's text. */
async function finishedChart(page: Page, timeoutMs: number): Promise<{ frame: Frame; summary: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const summary = await frame
        .locator('#summary')
        .innerText({ timeout: 200 })
        .catch(() => '');
      const marks = await frame
        .locator('#strip .mark')
        .count()
        .catch(() => 0);
      if (summary && marks > 0 && !/watching/.test(summary)) return { frame, summary };
    }
    if (Date.now() > deadline) throw new Error('the failover chart never finished its watch');
    await page.waitForTimeout(300);
  }
}

export async function rebootChartPass(page: Page, record: Record, artifacts: string): Promise<void> {
  const shot = join(artifacts, 'failover-chart.png');
  try {
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    await runCommand(page, 'Reboot the Database Without Failover and Watch the Site');
    const { frame, summary } = await finishedChart(page, 90_000);
    const marks = await frame.locator('#strip .mark').count();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: shot });
    record(
      `ui: a reboot without failover is charted from the palette (${marks} requests; "${summary.replace(/\s+/g, ' ')}")`,
      marks > 1 && /Down for \d+\.\d s/.test(summary),
      summary,
    );
    console.log(`host: screenshot ${relative(process.cwd(), shot)}`);
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'failover-chart-failure.png') }).catch(() => undefined);
    record(
      'ui: a reboot without failover is charted from the palette',
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/failover-chart-failure.png)`,
    );
  }
}
