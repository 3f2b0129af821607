// Step 1.5 as a student does it in the rendered workbench: "Edit index.html on an Instance…" from the palette
// (WebServer2 comes first: Enter), find 私たちのビジョン, type "2" after it, Ctrl+S; the step's check from the
// palette; then "Open SSH Terminal…" on WebServer2 and `whoami`. Photographs the tab and the terminal. The titles
// are found in the window's language (`Say`): English here, the bundle's Japanese in the Japanese pass.
import { join, relative } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { runCommand } from './labUi';
import type { RecordCheck } from './outcomes';

/** A message as the window shows it: English, or its translation (l10n/bundle.l10n.ja.json, package.nls.ja.json). */
export type Say = (english: string) => string;
export const inEnglish: Say = (english) => english;

/** The notification center's newest message mentioning `about` (warning, error or "…: done."). */
async function lastNotification(page: Page, about: string, timeoutMs = 30_000): Promise<string> {
  await runCommand(page, 'Notifications: Show Notifications');
  const items = page.locator('.notifications-center .notification-list-item').filter({ hasText: about });
  const outcome = items
    .filter({ hasText: /: done\./ })
    .or(items.filter({ has: page.locator('.codicon-warning, .codicon-error') }))
    .first();
  await outcome.waitFor({ state: 'visible', timeout: timeoutMs });
  const said = ((await outcome.locator('.notification-list-item-message').textContent()) ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.keyboard.press('Escape');
  return said;
}

/** What the editor area and the notifications say, for a failure message (CI keeps no screenshot). */
async function whatTheWindowShows(page: Page, area: ReturnType<Page['locator']>): Promise<string> {
  const squeeze = (t: string | null) => (t ?? '').replace(/\s+/g, ' ').trim();
  const shown = squeeze(await area.textContent({ timeout: 2_000 }).catch(() => '')).slice(0, 400);
  const toasts = await page
    .locator('.notification-toast .notification-list-item-message, .notification-list-item-message')
    .allTextContents()
    .catch(() => []);
  const quickInput = squeeze(
    await page
      .locator('.quick-input-widget:visible')
      .textContent({ timeout: 1_000 })
      .catch(() => ''),
  );
  return [
    `editor area: ${shown || '(empty)'}`,
    `notifications: ${toasts.map(squeeze).filter(Boolean).join(' | ') || '(none)'}`,
    `quick input: ${quickInput || '(closed)'}`,
  ].join('\n');
}

export interface PickedInstance {
  /** The first row of the instance list (the one Enter opens). */
  row: string;
  /** The list's title, as the student reads it. */
  title: string;
}

/** Picks the first row of the instance QuickPick after checking it is the one expected. */
async function pickFirstInstance(page: Page, first: RegExp): Promise<PickedInstance> {
  // The instance list replaces the palette's list: wait for rows that carry instance IDs.
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: /i-[0-9a-f]{8,}/ }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForTimeout(200);
  // What it shows: a row reused from the palette's list keeps the command's detail (its English alias) hidden in it.
  const text = (
    await row
      .locator('.label-name, .label-description')
      .evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).map((e) => e.textContent ?? ''))
  )
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  const title = (
    (await page
      .locator('.quick-input-widget .quick-input-title')
      .first()
      .textContent()
      .catch(() => '')) ?? ''
  ).trim();
  if (!first.test(text)) throw new Error(`the instance list starts with "${text}", not ${first}`);
  await page.keyboard.press('Enter');
  return { row: text, title };
}

export interface OpenedPage {
  picked: PickedInstance;
  tab: Locator;
  area: Locator;
  editor: Locator;
}

/** "Edit index.html on an Instance…" from the palette, the first instance picked: its page in a tab, read. */
export async function openIndexHtml(page: Page, say: Say, first: RegExp, shows: string): Promise<OpenedPage> {
  await runCommand(page, say('Edit index.html on an Instance…'));
  const picked = await pickFirstInstance(page, first);
  const tab = page.locator('.tabs-container .tab.active', { hasText: 'index.html' }).first();
  await tab.waitFor({ state: 'visible', timeout: 30_000 });
  // The active group's editor: another group (or a hidden editor kept in the DOM) may hold a monaco editor too.
  const area = page.locator('.editor-group-container.active .editor-container').first();
  const editor = area.locator('.monaco-editor').first();
  // The first read opens the SSH connection and the SFTP channel: on a loaded 2-core machine it takes seconds.
  await editor
    .locator('.view-lines')
    .filter({ hasText: shows })
    .waitFor({ state: 'visible', timeout: 45_000 })
    .catch(async (e: Error) => {
      throw new Error(`${e.message.split('\n')[0]}\n${await whatTheWindowShows(page, area)}`);
    });
  return { picked, tab, area, editor };
}

export interface SshEditResult {
  /** The first row of the instance list. */
  picked: string;
  /** The tab's title and its path as the breadcrumbs / title show it. */
  tab: string;
  /** What the check of step 1.5 said afterwards. */
  checked: string;
}

export async function editIndexHtmlOnWebServer2(page: Page, shot: string): Promise<SshEditResult> {
  const { picked, tab, editor } = await openIndexHtml(page, inEnglish, /^WebServer2\b/, '私たちのビジョン');
  await editor.locator('.view-lines').click();
  // Find the words, close the find widget (the match stays selected), step past them and type "2".
  await page.keyboard.press('Control+f');
  const find = page.locator('.find-widget.visible textarea, .find-widget.visible input').first();
  await find.waitFor({ state: 'visible', timeout: 5_000 });
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('私たちのビジョン');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('2');
  await page.keyboard.press('Control+s');
  await page.waitForTimeout(500);
  await page
    .locator('.tabs-container .tab.active.dirty', { hasText: 'index.html' })
    .waitFor({ state: 'hidden', timeout: 30_000 });
  await editor
    .locator('.view-lines')
    .filter({ hasText: '私たちのビジョン2' })
    .waitFor({ state: 'visible', timeout: 5_000 });
  const tabText = `${(await tab.getAttribute('title')) ?? ''} ${(await tab.textContent()) ?? ''}`
    .replace(/\s+/g, ' ')
    .trim();

  await runCommand(page, '1.5 Edit WebServer2');
  const checked = await lastNotification(page, '1.5');
  // The edited line in the tab, the checklist beside it with 1.5 done, for the picture.
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot });
  return { picked: picked.row, tab: tabText, checked };
}

export interface SshTerminalResult {
  picked: PickedInstance;
  /** The terminal's tab name. */
  name: string;
  /** The rendered rows of the terminal after `whoami`. */
  rows: string[];
}

export async function whoamiInSshTerminal(
  page: Page,
  shot: string,
  say: Say = inEnglish,
  first = /^WebServer2\b/,
): Promise<SshTerminalResult> {
  await runCommand(page, say('Open SSH Terminal…'));
  const picked = await pickFirstInstance(page, first);
  const terminal = page.locator('.terminal-wrapper.active .xterm, .terminal .xterm').first();
  await terminal.waitFor({ state: 'visible', timeout: 20_000 });
  const rowsText = () =>
    page
      .locator('.xterm-rows > div')
      .evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()));
  const until = async (ok: (rows: string[]) => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    let rows = await rowsText();
    while (!ok(rows)) {
      if (Date.now() > deadline)
        throw new Error(`the terminal never showed ${what}:\n${rows.filter(Boolean).join('\n')}`);
      await page.waitForTimeout(200);
      rows = await rowsText();
    }
    return rows;
  };
  await until((rows) => rows.some((r) => /\$$/.test(r)), 'a prompt');
  await terminal.click();
  await page.keyboard.type('whoami');
  await page.keyboard.press('Enter');
  const rows = await until((rows) => rows.some((r) => r.trim() === 'ec2-user'), 'ec2-user');
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot });
  const name = (
    (await page
      .locator('.terminal-tabs-entry, .single-terminal-tab, .terminal-tab')
      .first()
      .textContent()
      .catch(() => '')) ?? ''
  ).trim();
  return { picked, name, rows: rows.filter(Boolean) };
}

export interface RestoredTabResult {
  /** The restored tab's title. */
  tab: string;
  /** What the editor area shows (the page, or VS Code's "could not be opened" placeholder). */
  shown: string;
  /** Whether the edited page came back in it. */
  restored: boolean;
}

/**
 * The student closes the window with WebServer2's index.html open and comes back: VS Code restores the tab before
 * anything else starts, so the file system must be there for it (it activates the extension for the scheme).
 */
export async function reopenWithSshTab(page: Page, shot: string): Promise<RestoredTabResult> {
  await page.reload();
  const tab = page.locator('.tabs-container .tab', { hasText: 'index.html' }).first();
  await tab.waitFor({ state: 'visible', timeout: 60_000 });
  await tab.click();
  const area = page.locator('.editor-group-container.active .editor-container').first();
  // The window comes back with its panel (a terminal) too, and the editor shows fewer lines than line 26: the page
  // is judged from its first lines, then the edit is found (the find widget scrolls to it) and seen.
  const loaded = await area
    .locator('.view-lines')
    .filter({ hasText: 'CPS Research Center' })
    .waitFor({ state: 'visible', timeout: 30_000 })
    .then(() => true)
    .catch(() => false);
  let restored = false;
  if (loaded) {
    await area.locator('.view-lines').click();
    await page.keyboard.press('Control+f');
    await page.locator('.find-widget.visible textarea, .find-widget.visible input').first().waitFor({ timeout: 5_000 });
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('私たちのビジョン2');
    await page.keyboard.press('Enter');
    restored = await area
      .locator('.view-lines')
      .filter({ hasText: '私たちのビジョン2' })
      .waitFor({ state: 'visible', timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    await page.keyboard.press('Escape');
  }
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot });
  const shown = ((await area.textContent().catch(() => '')) ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  // The tab's title attribute is empty until hovered; its accessible label names the file and its path.
  const title = ((await tab.getAttribute('aria-label')) || (await tab.textContent()) || '').replace(/\s+/g, ' ').trim();
  return { tab: title, shown, restored };
}

/**
 * Step 1.5 over SSH: index.html of WebServer2 in a tab, edited and saved; then a terminal on it; then the window
 * reopened with that tab (ssh-editor.png, ssh-terminal.png, ssh-restored.png). A panel left open (the suite's
 * terminal, restored with the window) squeezes the editor the edit is read from: closed first.
 */
export async function sshPass(page: Page, record: RecordCheck, artifacts: string): Promise<void> {
  const shots = {
    editor: join(artifacts, 'ssh-editor.png'),
    terminal: join(artifacts, 'ssh-terminal.png'),
    restored: join(artifacts, 'ssh-restored.png'),
  };
  try {
    const panel = page.locator('[id="workbench.parts.panel"]');
    if (await panel.isVisible()) {
      await runCommand(page, 'View: Toggle Panel Visibility');
      await panel.waitFor({ state: 'hidden', timeout: 5_000 });
    }
    const edit = await editIndexHtmlOnWebServer2(page, shots.editor);
    record(
      `ui: "Edit index.html on an Instance" offers WebServer2 first ("${edit.picked}") and opens its page in a tab ("${edit.tab}")`,
      /index\.html/.test(edit.tab),
    );
    record(
      `ui: after the edit is saved over SSH, step 1.5's check passes ("${edit.checked}")`,
      /^1\.5 .*: done\.$/.test(edit.checked),
      edit.checked,
    );
    const term = await whoamiInSshTerminal(page, shots.terminal);
    record(
      `ui: an SSH terminal on WebServer2 ("${term.name}") answers whoami with ec2-user`,
      term.rows.some((r) => r.trim() === 'ec2-user'),
      term.rows.join('\n'),
    );
    // The window closed with that tab open and opened again: the tab comes back with the page, not an error.
    const reopened = await reopenWithSshTab(page, shots.restored);
    record(
      `ui: a window reopened with WebServer2's index.html tab shows the page again ("${reopened.tab}")`,
      reopened.restored && !/could not be opened|unexpected error/i.test(reopened.shown),
      reopened.shown,
    );
    console.log(
      `host: screenshots ${Object.values(shots)
        .map((f) => relative(process.cwd(), f))
        .join(', ')}`,
    );
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'ssh-failure.png') }).catch(() => undefined);
    record(
      'ui: step 1.5 over SSH (editor tab, terminal)',
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/ssh-failure.png)`,
    );
  }
}
