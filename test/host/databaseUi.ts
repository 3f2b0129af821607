// The host pass's track 2, after the suite ran 2.1-2.5 through the commands: the explorer's Databases group on
// test-rds-1 after its failover — the primary and the standby with their AZs (explorer-databases.png). One record().
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { openExplorerToDatabase } from './explorerUi';

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
