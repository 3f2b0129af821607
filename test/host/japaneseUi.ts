// The extension as a Japanese student sees it (issue 15): code-server restarted on the same run folder with the
// Japanese language pack (scripts/languagePack.ts) and `--locale ja`, the browser in ja-JP. Checks that the
// extension host's vscode.env.language is "ja" and the workbench's own words are Japanese, photographs the
// explorer, the checklist with a failing step's reason and fix, a walkthrough page, the cost meter and breakdown,
// the cleanup plan, an instance's index.html opened over SSH and an SSH terminal (ja-*.png), and fails on any text
// read there that is still an English message with a Japanese translation in l10n/bundle.l10n.ja.json or
// package.nls.ja.json, and on a checklist label or the cleanup's placeholder cut at the default sidebar width.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { codeVersionOf, install } from '../../scripts/languagePack';
import { openWorkbench, workbenchUrl, type Workbench } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { repoRoot, type RunDirs, type Toolchain } from './hostEnv';
import { checklistLabelsCut, placeholderFit } from './japaneseFit';
import { runCommand } from './labUi';
import type { RecordCheck } from './outcomes';
import { openIndexHtml, whoamiInSshTerminal, type Say } from './sshUi';

const readJson = (file: string): Record<string, string> =>
  JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as Record<string, string>;

/** English → Japanese for every message a student reads: the l10n bundle and the manifest's words. */
export function translations(): Map<string, string> {
  const map = new Map(Object.entries(readJson('l10n/bundle.l10n.ja.json')));
  const en = readJson('package.nls.json');
  const ja = readJson('package.nls.ja.json');
  for (const [key, english] of Object.entries(en)) if (ja[key] !== undefined) map.set(english, ja[key]);
  return map;
}

/**
 * The English left in `texts`: a run of words of a translated message (between its placeholders, two words at
 * least) that its Japanese does not keep (names such as "WebServer" or "USD/h" stay in both).
 */
export function englishLeft(texts: readonly string[], words: Map<string, string>): string[] {
  const pieces: string[] = [];
  for (const [english, japanese] of words) {
    if (english === japanese) continue;
    for (const piece of english.split(/\{\d+\}|\n/)) {
      const p = piece.replace(/\s+/g, ' ').trim();
      if (!/[A-Za-z]{3,}\s+[A-Za-z]{2,}/.test(p) || japanese.includes(p)) continue;
      pieces.push(p);
    }
  }
  const found = new Set<string>();
  for (const text of texts) {
    const t = text.replace(/\s+/g, ' ');
    for (const p of pieces) if (t.includes(p)) found.add(`"${p}" in "${t.slice(0, 160)}"`);
  }
  return [...found];
}

/** Every tree row in the sidebar, "label  description". */
async function sidebarRows(page: Page): Promise<string[]> {
  return page.locator('[id="workbench.parts.sidebar"] [role="treeitem"]').evaluateAll((els) =>
    els.map((el) =>
      [...el.querySelectorAll('.label-name, .label-description')]
        .map((e) => (e.textContent ?? '').trim())
        .join('  ')
        .trim(),
    ),
  );
}

async function statusBarTexts(page: Page): Promise<string[]> {
  return page
    .locator('.statusbar-item')
    .evaluateAll((els) => els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean));
}

/** The text of every webview frame on the page (the breakdown, the plan, a walkthrough page's markdown). */
async function frameTexts(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const frame of page.frames()) {
    if (/webWorkerExtensionHost/.test(frame.url())) continue; // the worker host's page is code, not words
    const text = await frame
      .locator('body')
      .innerText({ timeout: 1_000 })
      .catch(() => '');
    if (text.trim()) out.push(text);
  }
  return out;
}

export async function japanesePass(
  tools: Toolchain,
  dirs: RunDirs,
  env: NodeJS.ProcessEnv,
  extensionDir: string,
  record: RecordCheck,
  artifacts: string,
): Promise<void> {
  const cacheDir =
    process.env.SCALE_OUT_LAB_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'scale-out-lab');
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  const shot = (name: string) => join(artifacts, `ja-${name}.png`);
  const read: string[] = [];
  try {
    install(cacheDir, dirs.extensions, dirs.userData, codeVersionOf(tools.codeServerBin));
    server = await startCodeServer(tools, dirs, env, { locale: 'ja' });
    const lines: string[] = [];
    workbench = await openWorkbench(join(dirs.root, 'chromium-ja'), (l) => lines.push(l), 'ja-JP');
    const { page } = workbench;
    // The extension host's language, from a module run there as the suite is.
    await page.goto(
      workbenchUrl(server.url, dirs.workspace, extensionDir, join(extensionDir, 'dist', 'test', 'host-language.js')),
    );
    await Promise.race([workbench.testsExited, page.waitForTimeout(90_000)]);
    const language = lines.map((l) => /HOST_LANGUAGE (\S+)/.exec(l)?.[1]).find(Boolean);
    record(`ja: vscode.env.language in the extension host is "${language}"`, language === 'ja');

    await page.goto(workbenchUrl(server.url, dirs.workspace, extensionDir));
    const activity = page.locator('.activitybar .action-item a, .activitybar .action-item .action-label');
    await activity.first().waitFor({ state: 'visible', timeout: 60_000 });
    const labels = await activity.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    record(
      `ja: the workbench speaks Japanese (activity bar: ${labels.filter(Boolean).join(', ')})`,
      labels.some((l) => l.startsWith('エクスプローラー')),
    );

    // The explorer tree, as a student opens it from the activity bar.
    const words = translations();
    const container = words.get('AWS Scale-Out Lab') ?? 'AWS Scale-Out Lab';
    await page.locator(`.activitybar .action-item a[aria-label^="${container}"]`).first().click();
    const rows = page.locator('[id="workbench.parts.sidebar"] [role="treeitem"]');
    const paneOf = (title: string) =>
      page.locator('[id="workbench.parts.sidebar"] .pane', { has: page.locator('.pane-header', { hasText: title }) });
    // The account's tree, not its welcome text ("connecting…"): the practice account read.
    await paneOf(words.get('Account') ?? 'アカウント')
      .getByRole('treeitem')
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    const expandFirst = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const closed = rows.and(page.locator('[aria-expanded="false"]')).first();
        if ((await closed.count()) === 0) return;
        await closed.locator('.monaco-tl-twistie').click();
        await page.waitForTimeout(300);
      }
    };
    await expandFirst(3);
    await page.mouse.move(640, 400); // no activity-bar hover over the tree in the picture
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: shot('explorer') });
    read.push(...(await sidebarRows(page)), ...(await statusBarTexts(page)));
    const headers = await page
      .locator('[id="workbench.parts.sidebar"] .pane-header')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    read.push(...headers);
    record(
      `ja: the sidebar's views have their Japanese names (${headers.map((h) => h.trim()).join(' / ')})`,
      headers.some((h) => h.includes(words.get('Lab Checklist') ?? '演習チェックリスト')) ||
        headers.some((h) => h.includes('演習チェックリスト')),
    );

    // The checklist: the account view folded, a failing step opened to its reason and fix rows.
    const accountHeader = page
      .locator('[id="workbench.parts.sidebar"] .pane-header', { hasText: words.get('Account') ?? 'アカウント' })
      .first();
    if ((await accountHeader.getAttribute('aria-expanded')) === 'true')
      await accountHeader.click({ position: { x: 8, y: 8 } });
    // Every track and step label whole at the sidebar's default width (the details are in the hover).
    const fit = await checklistLabelsCut(page, paneOf(words.get('Lab Checklist') ?? '演習チェックリスト'));
    record(
      `ja: no checklist label is cut at the sidebar's width (${fit.sidebarWidth} px, ${fit.seen} rows looked at)`,
      fit.seen >= 10 && fit.cut.length === 0,
      fit.cut.map((c) => `"${c.label}": ${c.width} px in ${c.room} px`).join('\n'),
    );
    // A failing step (its icon red): opened to its fix rows when it has some, hovered for its reason.
    const failing = rows.filter({ has: page.locator('.codicon-error, .codicon-warning') }).first();
    const anyFailing = await failing
      .waitFor({ state: 'visible', timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    let failingLabel = '';
    if (anyFailing) {
      if ((await failing.getAttribute('aria-expanded')) === 'false')
        await failing.locator('.monaco-tl-twistie').click();
      await page.waitForTimeout(800); // the tree draws the row again with its fix rows below
      const name = failing.locator('.label-name');
      failingLabel = ((await name.textContent()) ?? '').trim();
      // The mouse moved onto it, not hover(): scrolling it into view would shift the sidebar's parts under the list.
      const box = await name.boundingBox();
      if (box) await page.mouse.move(box.x + Math.min(40, box.width / 2), box.y + box.height / 2);
    }
    const tooltip = page
      .locator('.monaco-hover, .custom-hover, .workbench-hover')
      .filter({ hasText: failingLabel })
      .first();
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    await page.waitForTimeout(800);
    await page.screenshot({ path: shot('checklist') });
    const reason = (await tooltip.innerText({ timeout: 1_000 }).catch(() => '')).replace(/\s+/g, ' ').trim();
    const checklist = await sidebarRows(page);
    read.push(...checklist, reason);
    const failingRow = anyFailing ? (await failing.innerText()).replace(/\s+/g, ' ').trim() : '(no failing step)';
    record(
      `ja: the checklist's failing step reads in Japanese ("${failingRow}"; its hover: "${reason.slice(0, 200)}")`,
      /[\u3040-\u30ff\u4e00-\u9fff]/.test(failingRow) && (!anyFailing || reason.startsWith(failingLabel)),
      checklist.join('\n'),
    );
    await page.mouse.move(640, 400);

    // A walkthrough page: the steps and one step's markdown.
    await runCommand(page, words.get('Open the Lab Walkthrough') ?? '演習のチュートリアルを開く');
    const step = page.locator('button.getting-started-step').first();
    await step.waitFor({ state: 'visible', timeout: 20_000 });
    // The step's markdown page shows beside the steps only when the editor is wide: the sidebar hidden meanwhile.
    await page.keyboard.press('Control+B');
    await page.waitForTimeout(2_000);
    await page.screenshot({ path: shot('walkthrough') });
    const steps = await page
      .locator('button.getting-started-step')
      .evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
    read.push(...steps, ...(await frameTexts(page)));
    await page.keyboard.press('Control+B');
    record(`ja: the walkthrough lists its steps (${steps.length})`, steps.length > 0);

    // The cost meter and its breakdown.
    await runCommand(page, 'すべてのエディターを閉じる').catch(() => undefined);
    const meter = page.locator('.statusbar-item', { hasText: /(USD|JPY|円)\/(h|時)/ }).first();
    await meter.waitFor({ state: 'visible', timeout: 30_000 });
    await meter.hover();
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: shot('cost-meter') });
    read.push(
      ...(await page
        .locator('.monaco-hover')
        .allInnerTexts()
        .catch(() => [])),
    );
    await page.mouse.move(640, 300);
    await meter.locator('a, .statusbar-item-label').first().click();
    await page.waitForTimeout(3_000);
    await page.screenshot({ path: shot('cost-breakdown') });
    const breakdown = await frameTexts(page);
    read.push(...breakdown);
    record(
      `ja: the cost breakdown opens`,
      breakdown.some((t) => /USD/.test(t)),
      breakdown.join('\n---\n').slice(0, 2000),
    );

    // The cleanup plan (cancelled: the picture is what counts).
    await runCommand(page, 'すべてのエディターを閉じる').catch(() => undefined);
    await runCommand(page, words.get('Clean Up the Lab…') ?? '演習のリソースを削除…');
    await page
      .locator('.quick-input-widget .monaco-list-row')
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 })
      .catch(() => undefined);
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: shot('cleanup') });
    const placeholder = await placeholderFit(page);
    record(
      `ja: the cleanup list's placeholder is whole in its input ("${placeholder.text}": ${placeholder.width} px in ${placeholder.room} px)`,
      placeholder.text.length > 0 && placeholder.width <= placeholder.room,
    );
    read.push(placeholder.text);
    const plan = [
      ...(await page
        .locator('.quick-input-widget, .monaco-dialog-box, .notifications-center')
        .allInnerTexts()
        .catch(() => [])),
      ...(await frameTexts(page)),
    ];
    read.push(...plan);
    record(
      `ja: the cleanup plan shows`,
      plan.some((t) => t.trim().length > 0),
      plan.join('\n---\n').slice(0, 2000),
    );
    await page.keyboard.press('Escape');
    read.push(...(await sshInJapanese(page, (english) => words.get(english) ?? english, shot, record)));

    const left = englishLeft(read, words);
    record(
      `ja: no text read in the Japanese window is an English message that has a translation (${read.length} texts)`,
      left.length === 0,
      left.join('\n'),
    );
  } catch (e) {
    await workbench?.page.screenshot({ path: shot('failure') }).catch(() => undefined);
    record('ja: the Japanese window', false, `${(e as Error).message}\n(see .test-artifacts/host/ja-failure.png)`);
  } finally {
    await workbench?.close().catch(() => undefined);
    await server?.stop();
  }
}

/**
 * An instance's index.html opened through the extension's file system and an SSH terminal on it, as the Japanese
 * student runs them from the palette by their Japanese titles (WebServer2 first when track 1 made it, else
 * WebServer); photographed (ja-ssh-editor.png, ja-ssh-terminal.png). Returns the texts read, for the English check.
 */
async function sshInJapanese(
  page: Page,
  say: Say,
  shot: (name: string) => string,
  record: RecordCheck,
): Promise<string[]> {
  await runCommand(page, 'すべてのエディターを閉じる').catch(() => undefined);
  const first = /^WebServer2? i-/;
  const opened = await openIndexHtml(page, say, first, 'CPS Research Center');
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot('ssh-editor') });
  const tab = ((await opened.tab.getAttribute('aria-label')) ?? '').trim();
  record(
    `ja: "${say('Edit index.html on an Instance…')}" lists the instances under "${opened.picked.title}" and opens ${opened.picked.row.split(' ')[0]}'s index.html in a tab ("${tab}")`,
    opened.picked.title === say('Edit index.html on…') && /index\.html/.test(tab),
    opened.picked.row,
  );
  const term = await whoamiInSshTerminal(page, shot('ssh-terminal'), say, first);
  const connecting = say('Connecting to {0}…').split('{0}');
  record(
    `ja: "${say('Open SSH Terminal…')}" opens "${term.name}" under "${term.picked.title}"; it says "${term.rows[0] ?? ''}" and answers whoami with ec2-user`,
    term.picked.title === say('Open an SSH terminal on…') &&
      term.rows.some((r) => connecting.every((part) => r.includes(part.trim()))) &&
      term.rows.some((r) => r.trim() === 'ec2-user'),
    term.rows.join('\n'),
  );
  return [opened.picked.title, opened.picked.row, tab, term.picked.title, term.name, ...term.rows];
}
