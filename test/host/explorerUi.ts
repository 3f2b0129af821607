// What a student sees: click the activity-bar entry, open the tree down to WebServer, read the row
// and photograph it (explorer.png). Works on the rendered workbench only (no extension API).
import { join, relative } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { RecordCheck } from './outcomes';

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

/** Drags the sidebar's edge so labels and descriptions show in full in the screenshot (`exact`: narrower too). */
export async function widenSidebar(page: Page, sidebar: Locator, width = 560, exact = false): Promise<void> {
  const box = await sidebar.boundingBox();
  if (!box || (exact ? Math.abs(box.width - width) < 2 : box.width >= width)) return;
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

/** The first UI pass: the explorer opened from the activity bar down to WebServer, its row read, photographed. */
export async function explorerPass(page: Page, record: RecordCheck, artifacts: string): Promise<void> {
  const shot = join(artifacts, 'explorer.png');
  try {
    const ui = await openExplorerToWebServer(page);
    await page.waitForTimeout(500); // let the selection and icons settle before the picture
    await page.screenshot({ path: shot });
    const ok = /\bWebServer\b/.test(ui.rowText) && /\brunning\b/i.test(ui.rowText);
    record(`ui: explorer row reads WebServer, running ("${ui.rowText}")`, ok, ui.rowsSeen.join('\n'));
    console.log(`host: screenshot ${relative(process.cwd(), shot)}`);
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'explorer-failure.png') }).catch(() => undefined);
    record(
      'ui: explorer shows WebServer',
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/explorer-failure.png)`,
    );
  }
}

export interface VpcRows {
  /** The VPC's row, "label  description". */
  vpc: string;
  /** Its subnet rows, "label  description" (e.g. "パブリックサブネット-1a 10.0.0.0/24 · public"). */
  subnets: string[];
  /** Every row drawn under the VPC (AZs, subnets, gateway, route tables). */
  rows: string[];
}

const isAz = (label: string) => /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/.test(label);

interface DrawnRow {
  /** Its place among the rows drawn (for rows.nth). */
  index: number;
  text: string;
  label: string;
  level: number;
  expanded: string | null;
  order: number;
}

/** In the tree's order (its `data-index`): the list may add a row's element after those of the rows below it. */
async function drawnRows(rows: Locator): Promise<DrawnRow[]> {
  const drawn = await rows.evaluateAll((els) =>
    els.map((el, index) => {
      const parts = [...el.querySelectorAll('.label-name, .label-description')].map((e) => e.textContent?.trim());
      return {
        index,
        text: parts.join('  ').replace(/\s+/g, ' ').trim(),
        label: (el.querySelector('.label-name')?.textContent ?? '').trim(),
        level: Number(el.getAttribute('aria-level') ?? '0'),
        expanded: el.getAttribute('aria-expanded'),
        order: Number(el.getAttribute('data-index') ?? index),
      };
    }),
  );
  return drawn.sort((a, b) => a.order - b.order);
}

/** The Account view shown and the checklist folded: the sidebar, and the Account tree's rows. */
export async function showAccountRows(page: Page): Promise<{ sidebar: Locator; rows: Locator }> {
  const entry = page.locator('.activitybar').getByRole('tab', { name: containerTitle }).first();
  if ((await entry.getAttribute('aria-selected')) !== 'true') await entry.click();
  const sidebar = page.locator('[id="workbench.parts.sidebar"]');
  // Page-rooted: a `has` locator is matched inside the outer element.
  const header = (title: RegExp) => page.locator('.pane-header', { hasText: title }).first();
  for (const [title, open] of [
    [/^\s*Account/i, true],
    [/Lab Checklist/i, false],
  ] as const) {
    const h = sidebar.locator('.pane-header', { hasText: title }).first();
    await h.waitFor({ state: 'visible', timeout: 10_000 });
    if (((await h.getAttribute('aria-expanded')) === 'true') !== open) await h.click();
  }
  return { sidebar, rows: sidebar.locator('.pane', { has: header(/^\s*Account/i) }).getByRole('treeitem') };
}

/**
 * The explorer's Network group down to a VPC's subnets: the Account view shown (the checklist folded), the default
 * VPC folded so the VPC named `name` is drawn, each of its AZ rows opened; then the sidebar photographed.
 */
export async function openExplorerToVpc(page: Page, name: string, shot: string, timeoutMs = 30_000): Promise<VpcRows> {
  const { rows } = await showAccountRows(page);
  const deadline = Date.now() + timeoutMs;
  const vpcRow = rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${name}\\s*$`) }) });
  for (;;) {
    // Fold what stands before it: the default VPC (WebServer and WebServer2 under it after track 1).
    const defaultVpc = rows
      .filter({ has: page.locator('.label-description', { hasText: /default VPC/ }) })
      .and(page.locator('[aria-expanded="true"]'));
    if ((await defaultVpc.count()) > 0) await defaultVpc.first().locator('.monaco-tl-twistie').click();
    if ((await vpcRow.count()) > 0) break;
    if (Date.now() > deadline)
      throw new Error(`${name} never appeared in the explorer; rows seen:\n  ${(await rowTexts(rows)).join('\n  ')}`);
    await page.waitForTimeout(300);
  }
  if ((await vpcRow.first().getAttribute('aria-expanded')) === 'false')
    await vpcRow.first().locator('.monaco-tl-twistie').click();
  const under = async () => {
    const all = await drawnRows(rows);
    const at = all.findIndex((r) => r.label === name);
    const out: DrawnRow[] = [];
    for (let i = at + 1; at >= 0 && i < all.length && all[i]!.level > all[at]!.level; i++) out.push(all[i]!);
    return { vpc: all[at], under: out };
  };
  // Its AZ rows open (folded while no instance runs in them), one at a time: each opening redraws the rows.
  for (let i = 0; i < 6; i++) {
    const { vpc, under: below } = await under();
    const folded = below.find((r) => r.level === (vpc?.level ?? 0) + 1 && r.expanded === 'false' && isAz(r.label));
    if (!folded) break;
    await rows.nth(folded.index).locator('.monaco-tl-twistie').click();
    await page.waitForTimeout(300);
  }
  // No click on the VPC's row for the picture: a click on a row with children folds it.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: shot });
  const { vpc, under: below } = await under();
  const level = vpc?.level ?? 0;
  return {
    vpc: vpc?.text ?? '',
    subnets: below.filter((r) => r.level === level + 2 && /\/\d+ · (public|private)$/.test(r.text)).map((r) => r.text),
    rows: below.map((r) => r.text),
  };
}

export interface DatabaseRows {
  /** The database's own row ("test-rds-1  available · Multi-AZ · …"). */
  database: string;
  /** Its rows: primary and standby with their AZs, the endpoint, the subnet group… */
  rows: string[];
}

/**
 * The explorer's Databases group open on one DB instance: the Account view shown (the checklist folded), the
 * account's other groups folded so the databases are drawn, the group and the instance opened; then the sidebar photographed.
 */
export async function openExplorerToDatabase(
  page: Page,
  id: string,
  shot: string,
  timeoutMs = 30_000,
): Promise<DatabaseRows> {
  const opened = await openExplorerGroupTo(page, 'Databases', id, shot, timeoutMs);
  return { database: opened.row, rows: opened.rows };
}

/**
 * One row of a top-level group of the explorer opened ("Databases" › test-rds-1, "Auto Scaling groups" › a group):
 * the account's other groups folded so it is drawn, and its rows labelled as in `open` opened too ("Recent
 * activities"); then the sidebar photographed (unless `shot` is undefined). Its text and its rows below.
 */
export async function openExplorerGroupTo(
  page: Page,
  groupLabel: string,
  id: string,
  shot: string | undefined,
  timeoutMs = 30_000,
  open: readonly string[] = [],
): Promise<{ row: string; rows: string[] }> {
  const { sidebar, rows } = await showAccountRows(page);
  await widenSidebar(page, sidebar);
  const deadline = Date.now() + timeoutMs;
  const named = (label: string) =>
    rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) });
  for (;;) {
    // The account's row open, its other groups folded so the group is drawn: one click at a time (each redraws the
    // rows).
    const drawn = await drawnRows(rows);
    const toggle =
      drawn.find((r) => r.level === 1 && r.expanded === 'false') ??
      drawn.find((r) => r.level === 2 && r.expanded === 'true' && r.label !== groupLabel);
    if (toggle) {
      await rows.nth(toggle.index).locator('.monaco-tl-twistie').click();
      await page.waitForTimeout(300);
      continue;
    }
    const group = named(groupLabel);
    if ((await group.count()) > 0 && (await group.first().getAttribute('aria-expanded')) === 'false')
      await group.first().locator('.monaco-tl-twistie').click();
    if ((await named(id).count()) > 0) break;
    if (Date.now() > deadline)
      throw new Error(`${id} never appeared in the explorer; rows seen:\n  ${(await rowTexts(rows)).join('\n  ')}`);
    await page.waitForTimeout(300);
  }
  const row = named(id).first();
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
  for (const label of open) {
    const child = named(label).first();
    await child.waitFor({ state: 'visible', timeout: 10_000 });
    if ((await child.getAttribute('aria-expanded')) === 'false') await child.locator('.monaco-tl-twistie').click();
    await page.waitForTimeout(300);
  }
  await page.mouse.move(0, 0);
  await page.waitForTimeout(600);
  if (shot) await page.screenshot({ path: shot });
  const all = await drawnRows(rows);
  const at = all.findIndex((r) => r.label === id);
  const below: string[] = [];
  for (let i = at + 1; at >= 0 && i < all.length && all[i]!.level > all[at]!.level; i++) below.push(all[i]!.text);
  return { row: all[at]?.text ?? '', rows: below };
}
