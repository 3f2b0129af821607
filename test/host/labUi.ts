// The lab as a student sees it in the rendered workbench: run a step from the command palette accepting the
// handouts' settings with Enter, open the walkthrough and see the steps ticked, read the checklist's failing
// row and photograph both. Works on the page only (no extension API).
import type { Locator, Page } from 'playwright-core';

export interface LabUiResult {
  /** Walkthrough steps shown ticked (their ids' last part, e.g. "step1_1"). */
  ticked: string[];
  /** Rendered checklist rows, "label  description". */
  checklistRows: string[];
  /** The row of the step expected to fail next, as rendered. */
  failingRow: string;
}

async function rowTexts(rows: Locator): Promise<string[]> {
  return rows.evaluateAll((els) =>
    els.map((el) => {
      const parts = [...el.querySelectorAll('.label-name, .label-description')].map((e) => e.textContent?.trim());
      return (parts.length > 0 ? parts.join('  ') : (el.textContent ?? '')).replace(/\s+/g, ' ').trim();
    }),
  );
}

/** F1, the command's title, Enter: as a student runs a command. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const widget = page.locator('.quick-input-widget').first();
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; ; attempt++) {
    // A palette still closing is inert until its animation ends, and an F1 meanwhile leaves it so: let it end.
    await widget.waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      break;
    } catch (e) {
      if (attempt >= 1) throw e;
    }
  }
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/**
 * The quick input while it shows `title` in its title bar. Not the widget by its text: the palette's row that
 * opened it carries the same words, so a widget found by text can still be the palette (an Enter then is lost).
 */
export function quickInputTitled(page: Page, title: string | RegExp): Locator {
  return page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: title }) }).first();
}

/** The sidebar pane of a view, by its title (rendered upper-case by CSS; the text is as declared). */
export function pane(page: Page, title: RegExp): Locator {
  return page.locator('[id="workbench.parts.sidebar"] .pane', {
    has: page.locator('.pane-header', { hasText: title }),
  });
}

export async function setExpanded(page: Page, title: RegExp, expanded: boolean): Promise<void> {
  const header = pane(page, title).locator('.pane-header').first();
  await header.waitFor({ state: 'visible', timeout: 10_000 });
  if (((await header.getAttribute('aria-expanded')) === 'true') !== expanded) await header.click();
}

/**
 * Runs `stepTitle`'s command from the palette and presses Enter on its settings list ("Run" is first). The
 * outcome is read in the notification center: the smoke-test driver these runs need keeps toasts from showing.
 */
export async function runStepFromPalette(page: Page, stepTitle: string, timeoutMs = 60_000): Promise<string> {
  await startStepFromPalette(page, stepTitle);
  return readStepOutcome(page, stepTitle, timeoutMs);
}

/** The step's command from the palette, Enter on its settings list: the step runs (its outcome comes later). */
export async function startStepFromPalette(page: Page, stepTitle: string): Promise<void> {
  await runCommand(page, stepTitle);
  const settings = quickInputTitled(page, stepTitle);
  await settings.waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await settings.waitFor({ state: 'hidden', timeout: 5_000 });
}

/** A started step's outcome, read in the notification center once it shows (then cleared). */
export async function readStepOutcome(page: Page, stepTitle: string, timeoutMs = 60_000): Promise<string> {
  await runCommand(page, 'Notifications: Show Notifications');
  // "…: done." (information), or a warning/error with the reason; not the progress notification.
  const items = page
    .locator('.notifications-center .notification-list-item')
    .filter({ hasText: stepTitle.split(' ')[0]! });
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

export async function openLabViews(
  page: Page,
  shots: { walkthrough: string; checklist: string },
  expect: { ticked: string; failing: RegExp; failingStep: string },
  timeoutMs = 60_000,
): Promise<LabUiResult> {
  // The checklist in the sidebar (the account view collapsed to make room).
  await setExpanded(page, /Lab Checklist/i, true);
  await setExpanded(page, /^\s*Account/i, false);
  const checklist = pane(page, /Lab Checklist/i);
  const rows = checklist.getByRole('treeitem');
  const failing = rows
    .filter({
      has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${expect.failingStep.replace('.', '\\.')} `) }),
    })
    .first();
  await failing.waitFor({ state: 'visible', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  while (!expect.failing.test((await rowTexts(failing))[0] ?? '')) {
    if (Date.now() > deadline) break;
    await page.waitForTimeout(300);
  }

  // The walkthrough, with the steps the checks have passed ticked.
  await runCommand(page, 'Open the Lab Walkthrough');
  const stepButton = (stepId: string) => page.locator(`button.getting-started-step[data-step-id$="#${stepId}"]`);
  await stepButton(expect.ticked).waitFor({ state: 'visible', timeout: 20_000 });
  while ((await stepButton(expect.ticked).getAttribute('aria-checked')) !== 'true' && Date.now() < deadline) {
    await page.waitForTimeout(300);
  }
  const ticked = await page
    .locator('button.getting-started-step[aria-checked="true"]')
    .evaluateAll((els) => els.map((el) => (el.getAttribute('data-step-id') ?? '').split('#').pop() ?? ''));
  // The step's markdown page shows beside the steps only when the editor is wide: hide the sidebar for the
  // picture. (No Escape here: in a walkthrough it means "back to the Welcome page".)
  // Ctrl+B rather than the palette: the palette opened over a walkthrough here comes up inert.
  const sidebar = page.locator('[id="workbench.parts.sidebar"]');
  await page.keyboard.press('Control+b');
  await sidebar.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  await page.mouse.move(0, 0);
  // The markdown renders in a webview of its own, a few seconds after its frame is ready.
  await page
    .locator('.getting-started-media iframe.webview.ready')
    .first()
    .waitFor({ state: 'attached', timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForTimeout(4_000);
  await page.screenshot({ path: shots.walkthrough });
  await page.keyboard.press('Control+b');
  await failing.waitFor({ state: 'visible', timeout: 10_000 });

  // The checklist's failing row, its tooltip open.
  await failing.hover();
  await page
    .locator('.monaco-hover')
    .first()
    .waitFor({ state: 'visible', timeout: 5_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
  await page.screenshot({ path: shots.checklist });
  return { ticked, checklistRows: await rowTexts(rows), failingRow: (await rowTexts(failing))[0] ?? '' };
}

export interface ChartResult {
  /** Each bar as rendered: "server · variant · count". */
  bars: string[];
  summary: string;
  /** The line under the chart (1.10: what the exercise saw). */
  note: string;
}

/**
 * The load-balancing chart after 1.8 ran: a webview (nested frames) whose bars are read from its DOM and
 * photographed.
 */
export async function readChart(
  page: Page,
  shot: string,
  until: (summary: string) => boolean = (summary) => /done/.test(summary),
  timeoutMs = 20_000,
): Promise<ChartResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const bars = frame.locator('#bars .bar');
      if ((await bars.count().catch(() => 0)) === 0) continue;
      const summary = ((await frame.locator('#summary').textContent()) ?? '').replace(/\s+/g, ' ').trim();
      if (!until(summary) && Date.now() < deadline) break; // still counting (or the previous chart): look again
      await page.mouse.move(0, 0);
      await page.waitForTimeout(500);
      await page.screenshot({ path: shot });
      const rendered = await bars.evaluateAll((els) =>
        els.map((el) =>
          [
            el.querySelector('.server')?.textContent,
            el.querySelector('.variant')?.textContent,
            el.querySelector('.count')?.textContent,
          ]
            .map((s) => (s ?? '').trim())
            .join(' · '),
        ),
      );
      const note = ((await frame.locator('#note').textContent()) ?? '').trim();
      return { bars: rendered, summary, note };
    }
    if (Date.now() > deadline) throw new Error('the load-balancing chart never showed its bars');
    await page.waitForTimeout(300);
  }
}

/**
 * Clicks the checklist's fix rows under a failing step, one at a time (each click runs that fix), until the
 * step's row says done. Returns the fixes clicked, in order; throws if the step never passes.
 */
export async function fixStepFromChecklist(
  page: Page,
  stepId: string,
  maxFixes = 4,
  timeoutMs = 30_000,
): Promise<string[]> {
  const checklist = pane(page, /Lab Checklist/i);
  const rows = checklist.getByRole('treeitem');
  const stepRow = rows
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${stepId.replace('.', '\\.')} `) }) })
    .first();
  const clicked: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await stepRow.waitFor({ state: 'visible', timeout: 10_000 });
    if (/\bdone\b/.test((await rowTexts(stepRow))[0] ?? '')) return clicked;
    if (clicked.length >= maxFixes || Date.now() > deadline) {
      throw new Error(`${stepId} still fails after ${clicked.join(', ') || 'no fix'}: ${(await rowTexts(stepRow))[0]}`);
    }
    if ((await stepRow.getAttribute('aria-expanded')) === 'false') await stepRow.locator('.monaco-tl-twistie').click();
    // The step's fix rows: the wrench rows right below it, one level deeper.
    const level = Number((await stepRow.getAttribute('aria-level')) ?? '0');
    const fix = rows
      .and(page.locator(`[aria-level="${level + 1}"]`))
      .filter({ has: page.locator('.codicon-wrench') })
      .first();
    if ((await fix.count()) === 0) {
      await page.waitForTimeout(500); // re-checking after the last fix: the row is about to change
      continue;
    }
    const title = (await rowTexts(fix))[0] ?? '';
    clicked.push(title);
    await fix.click();
    // The fix runs, then a refresh re-checks: wait for that fix row to go (or the step to pass).
    await fix
      .filter({ hasText: title })
      .waitFor({ state: 'detached', timeout: 20_000 })
      .catch(() => undefined);
  }
}

export interface TrackRows {
  /** The track's row, "label  description". */
  track: string;
  /** Its step rows, "label  description", in order. */
  steps: string[];
}

/**
 * The checklist's rows of one track (its row found by the title's start, e.g. "Track 4"), opened, read once every
 * step in `done` says done or the time is up.
 */
export async function readTrackInChecklist(
  page: Page,
  trackStart: string,
  done: readonly string[],
  timeoutMs = 30_000,
): Promise<TrackRows> {
  await setExpanded(page, /Lab Checklist/i, true);
  await setExpanded(page, /^\s*Account/i, false);
  const rows = pane(page, /Lab Checklist/i).getByRole('treeitem');
  // The tree draws only the rows in view: the other tracks folded, so this one's rows are drawn.
  const others = rows
    .and(page.locator('[aria-level="1"][aria-expanded="true"]'))
    .filter({ hasNot: page.locator('.label-name', { hasText: trackStart }) });
  for (let i = 0; i < 4 && (await others.count()) > 0; i++) {
    await others.first().locator('.monaco-tl-twistie').click();
    await page.waitForTimeout(200);
  }
  const trackRow = rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${trackStart} `) }) });
  await trackRow.first().waitFor({ state: 'visible', timeout: 10_000 });
  if ((await trackRow.first().getAttribute('aria-expanded')) === 'false')
    await trackRow.first().locator('.monaco-tl-twistie').click();
  const level = Number((await trackRow.first().getAttribute('aria-level')) ?? '0');
  const stepRows = rows.and(page.locator(`[aria-level="${level + 1}"]`));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await rowTexts(rows);
    const levels = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('aria-level') ?? '0')));
    const at = all.findIndex((r) => r.startsWith(`${trackStart} `));
    const steps: string[] = [];
    for (let i = at + 1; at >= 0 && i < all.length && (levels[i] ?? 0) > level; i++)
      if (levels[i] === level + 1) steps.push(all[i]!);
    const finished = done.every((id) => steps.some((s) => s.startsWith(`${id} `) && /\bdone$/.test(s)));
    if (finished || Date.now() > deadline) return { track: all[at] ?? '', steps };
    await stepRows
      .first()
      .waitFor({ state: 'visible', timeout: 1_000 })
      .catch(() => undefined);
    await page.waitForTimeout(300);
  }
}
