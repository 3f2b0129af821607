// Issue 14, a student of a class in the real explorer: the window's practice account shared with two neighbours,
// made through the real EC2 client as a class makes them — user06's server by the lab's runners (the student tag)
// with its web group web-user06, user07's in the console (a Name only) — and user05's own server in web-user05.
// "Set Your User Number in a Class…" from the palette, user05 typed in its input box: the explorer then shows
// user05's lab only (the account row says whose), the rest one collapsed "Not yours" row counting the other two
// students; photographed (class-explorer.png). Then the number cleared the same way and what the pass made deleted,
// so the passes after it see the account as before. Fails if a user06/user07 row shows under Network.
import { join, relative } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { practiceClients, type PracticeClients } from '../fixtures/practiceClients';
import { showAccountRows, widenSidebar } from './explorerUi';
import type { RunDirs } from './hostEnv';
import { quickInputTitled, runCommand } from './labUi';
import type { RecordCheck } from './outcomes';
import { practiceEndpoint } from './practiceEndpoint';
import { classmates, nothingMade, removeMade, runnerTags, type Made } from './classmates';

const STUDENT = 'user05';
const SET_STUDENT = 'AWS Scale-Out Lab: Set Your User Number in a Class…';
const OWN_SERVER = `webserver#1-${STUDENT}`;
const NEIGHBOURS = /user0[67]/;

/** user05's, user06's and user07's servers in the seeded WebServer's subnet, from its AMI; two web groups. */
async function makeNeighbours(c: PracticeClients, made: Made): Promise<void> {
  const { group, launch } = await classmates(c, made);
  const own = await group(`web-${STUDENT}`, []);
  const user06 = await group('web-user06', runnerTags('user06'));
  await launch(OWN_SERVER, { groupIds: [own] });
  await launch('webserver#1-user06', { groupIds: [user06], tags: runnerTags('user06') });
  await launch('webserver#1-user07');
}

interface Drawn {
  /** Its place among the elements drawn (for rows.nth). */
  index: number;
  text: string;
  label: string;
  level: number;
  expanded: string | null;
}

/** The Account tree's rows drawn, in the tree's order. */
async function drawn(rows: Locator): Promise<Drawn[]> {
  const out = await rows.evaluateAll((els) =>
    els.map((el, index) => ({
      index,
      order: Number(el.getAttribute('data-index') ?? index),
      text: [...el.querySelectorAll('.label-name, .label-description')]
        .map((e) => e.textContent?.trim())
        .join('  ')
        .replace(/\s+/g, ' ')
        .trim(),
      label: (el.querySelector('.label-name')?.textContent ?? '').trim(),
      level: Number(el.getAttribute('aria-level') ?? '0'),
      expanded: el.getAttribute('aria-expanded'),
    })),
  );
  return out.sort((a, b) => a.order - b.order).map(({ order: _order, ...r }) => r);
}

/** The rows under the group labelled `label` (one level below the account), as drawn. */
function under(all: readonly Drawn[], label: string): Drawn[] {
  const at = all.findIndex((r) => r.level === 2 && r.label === label);
  const out: Drawn[] = [];
  for (let i = at + 1; at >= 0 && i < all.length && all[i]!.level > 2; i++) out.push(all[i]!);
  return out;
}

/** The palette's "Set Your User Number…", `typed` in its input box, Enter. */
async function setStudent(page: Page, typed: string): Promise<void> {
  await runCommand(page, SET_STUDENT);
  const box = quickInputTitled(page, /user number in the class/i);
  await box.waitFor({ state: 'visible', timeout: 10_000 });
  await box.locator('input').fill(typed);
  await page.waitForTimeout(300); // its validation, before Enter
  await page.keyboard.press('Enter');
  await box.waitFor({ state: 'hidden', timeout: 5_000 });
}

/** Refreshed until the explorer reads `ready` (or the time is up); the rows drawn. */
async function waitForTree(
  page: Page,
  rows: Locator,
  ready: (all: Drawn[]) => boolean,
  timeoutMs = 40_000,
): Promise<Drawn[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await drawn(rows);
    if (ready(all) || Date.now() > deadline) return all;
    await runCommand(page, 'AWS Scale-Out Lab: Refresh');
    await page.waitForTimeout(1_500);
  }
}

const accountRow = (all: readonly Drawn[]) => all.find((r) => r.level === 1);

/**
 * The Network group opened down to the row labelled `label` (earlier passes leave it folded): Network, then its
 * folded VPC, AZ and subnet rows one at a time (each click redraws the rows), until the row is drawn or nothing
 * is left to open; the rows drawn.
 */
async function openNetworkTo(page: Page, rows: Locator, label: string, timeoutMs = 15_000): Promise<Drawn[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await drawn(rows);
    if (all.some((r) => r.label === label) || Date.now() > deadline) return all;
    const at = all.findIndex((r) => r.level === 2 && r.label === 'Network');
    const network = all[at];
    const folded =
      network?.expanded === 'false'
        ? network
        : under(all, 'Network').find(
            (r) => r.expanded === 'false' && /^(vpc-|subnet-|[a-z]{2}(-[a-z]+)+-\d[a-z]$)/.test(r.label),
          );
    if (folded) {
      await rows.nth(folded.index).locator('.monaco-tl-twistie').click();
    }
    await page.waitForTimeout(folded ? 300 : 1_000);
  }
}

export async function studentPass(page: Page, record: RecordCheck, artifacts: string, dirs: RunDirs): Promise<void> {
  const shot = join(artifacts, 'class-explorer.png');
  const made = nothingMade();
  let clients: PracticeClients | undefined;
  let set = false;
  const t0 = Date.now();
  const took: string[] = [];
  const lap = (what: string) => took.push(`${what} ${Date.now() - t0} ms`);
  try {
    clients = practiceClients(await practiceEndpoint(dirs.userData));
    await makeNeighbours(clients, made);
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    const { sidebar, rows } = await showAccountRows(page);
    await widenSidebar(page, sidebar, 560, true);
    lap('made');
    await setStudent(page, STUDENT);
    set = true;
    const mine = await waitForTree(
      page,
      rows,
      (all) => accountRow(all)?.text.endsWith(`${STUDENT}’s lab`) === true && all.some((r) => r.label === 'Not yours'),
    );
    lap('scoped');
    await openNetworkTo(page, rows, OWN_SERVER);
    const account = accountRow(mine)?.text ?? '';
    record(
      `ui: after Set Your User Number (${STUDENT}) the account row says whose lab it shows ("${account}")`,
      account.endsWith(` ${STUDENT}’s lab`),
      mine.map((r) => r.text).join('\n'),
    );
    // The Security groups group opened too: web-user05 there, web-user06 not.
    const groupsRow = rows.filter({ has: page.locator('.label-name', { hasText: /^\s*Security groups\s*$/ }) });
    if ((await groupsRow.first().getAttribute('aria-expanded')) === 'false')
      await groupsRow.first().locator('.monaco-tl-twistie').click();
    await page.waitForTimeout(400);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: shot });
    const all = await drawn(rows);
    // Security groups folded again, as the passes after this one expect it.
    await groupsRow.first().locator('.monaco-tl-twistie').click();
    const network = under(all, 'Network');
    const groups = under(all, 'Security groups');
    const notYours = all.find((r) => r.label === 'Not yours');
    const servers = network.filter((r) => /\b(running|pending|stopped)\b · t\d/.test(r.text)).map((r) => r.label);
    record(
      `ui: Network shows ${STUDENT}'s server only, no user06/user07 row (servers: ${servers.join(', ') || 'none'})`,
      servers.length === 1 && servers[0] === OWN_SERVER && !network.some((r) => NEIGHBOURS.test(r.text)),
      network.map((r) => r.text).join('\n'),
    );
    record(
      `ui: Security groups shows web-${STUDENT}, not web-user06 (${groups.map((r) => r.label).join(', ')})`,
      groups.some((r) => r.label === `web-${STUDENT}`) && !groups.some((r) => NEIGHBOURS.test(r.text)),
      groups.map((r) => r.text).join('\n'),
    );
    record(
      `ui: the rest of the account is one collapsed "Not yours" row counting the others ("${notYours?.text ?? ''}")`,
      notYours?.level === 2 &&
        notYours.expanded === 'false' &&
        /^Not yours \d+ resources: 2 other students’ and the account’s$/.test(notYours.text) &&
        !all.some((r) => r.level > 2 && NEIGHBOURS.test(r.text)),
      all.map((r) => r.text).join('\n'),
    );
    console.log(`host: screenshot ${relative(process.cwd(), shot)}`);
    await setStudent(page, '');
    set = false;
    await waitForTree(page, rows, (rs) => !rs.some((r) => r.label === 'Not yours'));
    const whole = await openNetworkTo(page, rows, 'webserver#1-user06');
    lap('whole again');
    record(
      'ui: the user number cleared, the explorer shows the whole account again (user06’s server in it, no "Not yours")',
      !whole.some((r) => r.label === 'Not yours') &&
        whole.some((r) => r.label === 'webserver#1-user06') &&
        !(accountRow(whole)?.text ?? '').includes('’s lab'),
      whole.map((r) => r.text).join('\n'),
    );
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'class-explorer-failure.png') }).catch(() => undefined);
    record(
      `ui: the explorer with ${STUDENT} shows only ${STUDENT}'s resources`,
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/class-explorer-failure.png)`,
    );
  } finally {
    await page.keyboard.press('Escape').catch(() => undefined);
    if (set) await setStudent(page, '').catch(() => undefined);
    await removeMade(clients, made);
    clients?.destroy();
    await runCommand(page, 'AWS Scale-Out Lab: Refresh').catch(() => undefined);
    lap('cleaned up');
    console.log(`host: student pass: ${took.join(', ')}`);
  }
}
