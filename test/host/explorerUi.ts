// What a student sees: click the activity-bar entry, open the tree down to WebServer, read the row
// and photograph it. Works on the rendered workbench only (no extension API).
import type { Locator, Page } from 'playwright-core';

export const containerTitle = 'AWS Scale-Out Lab';

export interface ExplorerUiResult {
  rowText: string;
  rowsSeen: string[];
}

/** "label  description" of each row, as the tree renders them (two spans, no space between). */
async function rowTexts(rows: Locator): Promise<string[]> {
  return rows.evaluateAll((els) =>
    els.map((el) => {
      const parts = [...el.querySelectorAll('.label-name, .label-description')].map((e) => e.textContent?.trim());
      return (parts.length > 0 ? parts.join('  ') : (el.textContent ?? '')).replace(/\s+/g, ' ').trim();
    }),
  );
}

/** Rows worth opening first on the way to an instance in ap-northeast-1a. */
function promise(text: string): number {
  if (text.includes('ap-northeast-1a')) return 3;
  if (/subnet|サブネット/i.test(text)) return 2;
  if (/network|ネットワーク|vpc/i.test(text)) return 1;
  return 0;
}

/** Drags the sidebar's edge so labels and descriptions show in full in the screenshot. */
async function widenSidebar(page: Page, sidebar: Locator, width = 560): Promise<void> {
  const box = await sidebar.boundingBox();
  if (!box || box.width >= width) return;
  const edge = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(edge, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

export async function openExplorerToWebServer(page: Page, timeoutMs = 60_000): Promise<ExplorerUiResult> {
  const deadline = Date.now() + timeoutMs;
  const entry = page.locator('.activitybar').getByRole('tab', { name: containerTitle }).first();
  await entry.waitFor({ state: 'visible', timeout: timeoutMs });
  // The entry toggles its container: click only when it is not already shown.
  if ((await entry.getAttribute('aria-selected')) !== 'true') await entry.click();

  const sidebar = page.locator('[id="workbench.parts.sidebar"]');
  const rows = sidebar.getByRole('treeitem');
  const webServer = rows.filter({ has: page.locator('.label-name', { hasText: /^\s*WebServer\s*$/ }) });
  await rows.first().waitFor({ state: 'visible', timeout: Math.max(1_000, deadline - Date.now()) });

  const opened = new Set<string>();
  while ((await webServer.count()) === 0) {
    if (Date.now() > deadline) {
      throw new Error(`WebServer never appeared in the tree; rows seen:\n  ${(await rowTexts(rows)).join('\n  ')}`);
    }
    const collapsed = rows.and(page.locator('[aria-expanded="false"]'));
    const candidates = (await rowTexts(collapsed))
      .map((text, index) => ({ text, index }))
      .filter((c) => !opened.has(c.text))
      .sort((a, b) => promise(b.text) - promise(a.text) || a.index - b.index);
    const next = candidates[0];
    if (!next) {
      // Nothing left to open: the tree may still be loading, give it a moment.
      await page.waitForTimeout(500);
      continue;
    }
    opened.add(next.text);
    await collapsed.nth(next.index).click();
    await page.waitForTimeout(300);
  }
  const row = webServer.first();
  await row.click(); // selected, so the screenshot points at it
  await widenSidebar(page, sidebar);
  await row.hover(); // its markdown tooltip, as a student sees it
  await page
    .locator('.monaco-hover')
    .first()
    .waitFor({ state: 'visible', timeout: 5_000 })
    .catch(() => undefined);
  return { rowText: (await rowTexts(row))[0] ?? '', rowsSeen: await rowTexts(rows) };
}
