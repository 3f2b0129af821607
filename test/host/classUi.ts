// Issue 14, the teacher's Class view in the real workbench: three students' resources made through the real EC2
// client in the practice account the window serves (the handout's names with the user number, as a class writes
// them: WebServer-user01; user01 through the lab's runners with the student tag, user02 and user03 in the console
// with a Name only; user03 left a stopped server and a loose Elastic IP), then "Show Class Status" from the palette. The Class view shows a row per student with how many steps passed,
// what runs and its hourly cost, user01 opened to its steps and what runs, and the row of what no student owns (the
// seeded WebServer among it); photographed (class-view.png). What the pass made is deleted after.
// Run it after the other English passes: the Class view stays in the sidebar for the rest of the session.
import { join, relative } from 'node:path';
import {
  AllocateAddressCommand,
  AuthorizeSecurityGroupIngressCommand,
  DescribeImagesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { Locator, Page } from 'playwright-core';
import { practiceClients } from '../fixtures/practiceClients';
import { containerTitle, widenSidebar } from './explorerUi';
import type { RunDirs } from './hostEnv';
import { pane, runCommand, setExpanded } from './labUi';
import type { RecordCheck } from './outcomes';
import { practiceEndpoint } from './practiceEndpoint';
import { classmates, nothingMade, removeMade, runnerTags, type Made } from './classmates';

const CLASS_PANE = /^\s*Class\b/i;
const WIDE_SIDEBAR = 640;

/** The three students' servers (in the seeded WebServer's subnet, from its AMI) and user03's loose address. */
export async function makeClass(c: ReturnType<typeof practiceClients>, made: Made): Promise<void> {
  const { group, launch } = await classmates(c, made);
  // user01's in a web group of their own admitting HTTP (its page answers: 0.1 passes; track 1 narrows the seeded
  // WebServer's group to the load balancer's); the others in the VPC's default group.
  const web01 = await group('web-user01', runnerTags('user01'), 'web servers of user01');
  await c.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: web01,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
  );
  // From the AMI step 1.1 made of WebServer (the suite ran it): httpd and the page come with it.
  const images = await c.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
  const ami = images.Images?.find((i) => i.State === 'available' && /CPS/i.test(i.Name ?? ''))?.ImageId;
  await launch('WebServer-user01', { tags: runnerTags('user01'), groupIds: [web01], imageId: ami });
  await launch('WebServer2-user01', { tags: runnerTags('user01') });
  await launch('WebServer-user02');
  const left = await launch('WebServer-user03');
  await c.ec2.send(new StopInstancesCommand({ InstanceIds: [left] }));
  const eip = await c.ec2.send(
    new AllocateAddressCommand({
      Domain: 'vpc',
      TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'Name', Value: 'eip-user03' }] }],
    }),
  );
  if (eip.AllocationId) made.allocations.push(eip.AllocationId);
}

/** "label  description" of each row drawn, in the tree's order. */
async function rowTexts(rows: Locator): Promise<string[]> {
  const drawn = await rows.evaluateAll((els) =>
    els.map((el, index) => ({
      order: Number(el.getAttribute('data-index') ?? index),
      text: [...el.querySelectorAll('.label-name, .label-description')]
        .map((e) => e.textContent?.trim())
        .join('  ')
        .replace(/\s+/g, ' ')
        .trim(),
    })),
  );
  return drawn.sort((a, b) => a.order - b.order).map((r) => r.text);
}

/** A row of the Class view by its label. */
const row = (page: Page, rows: Locator, label: RegExp) =>
  rows.filter({ has: page.locator('.label-name', { hasText: label }) }).first();

async function expand(page: Page, rows: Locator, label: RegExp): Promise<void> {
  const r = row(page, rows, label);
  await r.waitFor({ state: 'visible', timeout: 10_000 });
  if ((await r.getAttribute('aria-expanded')) === 'false') await r.click();
  await page.waitForTimeout(300);
}

/** Refreshed until the three students' rows read as made (or the time is up); the rows drawn. */
async function waitForClass(page: Page, rows: Locator, timeoutMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await rowTexts(rows);
    const ready =
      texts.some((t) => /^user01 \d+\/\d+ passed · 2 running · /.test(t)) &&
      texts.some((t) => /^user02 /.test(t)) &&
      texts.some((t) => /^user03 \d+\/\d+ passed · 0 running · /.test(t));
    if (ready || Date.now() > deadline) return texts;
    await runCommand(page, 'AWS Scale-Out Lab: Refresh');
    await page.waitForTimeout(2_000);
  }
}

export async function classPass(page: Page, record: RecordCheck, artifacts: string, dirs: RunDirs): Promise<void> {
  const shot = join(artifacts, 'class-view.png');
  const made = nothingMade();
  let clients: ReturnType<typeof practiceClients> | undefined;
  try {
    clients = practiceClients(await practiceEndpoint(dirs.userData));
    await makeClass(clients, made);
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    const entry = page.locator('.activitybar').getByRole('tab', { name: containerTitle }).first();
    if ((await entry.getAttribute('aria-selected')) !== 'true') await entry.click();
    await runCommand(page, 'AWS Scale-Out Lab: Show Class Status');
    const classPane = pane(page, CLASS_PANE);
    await classPane.waitFor({ state: 'visible', timeout: 15_000 });
    record('ui: Show Class Status opens the Class view in the lab’s sidebar', true);
    // The Class view alone in the picture.
    await setExpanded(page, /^\s*Account/i, false);
    await setExpanded(page, /Lab Checklist/i, false);
    await setExpanded(page, CLASS_PANE, true);
    await widenSidebar(page, page.locator('[id="workbench.parts.sidebar"]'), WIDE_SIDEBAR, true);
    const rows = classPane.getByRole('treeitem');
    const texts = await waitForClass(page, rows);
    record(
      `ui: a row per student, in order, each with its steps passed, what runs and its cost ("${texts.filter((t) => /^user0/.test(t)).join('" / "')}")`,
      ['user01', 'user02', 'user03'].every((s) =>
        texts.some((t) => new RegExp(`^${s} \\d+/\\d+ passed · \\d+ running · \\d+\\.\\d{4} USD/h$`).test(t)),
      ) &&
        texts.some((t) => /^user01 [1-9]\d*\/\d+ passed/.test(t)) &&
        texts.findIndex((t) => t.startsWith('user01')) < texts.findIndex((t) => t.startsWith('user03')),
      texts.join('\n'),
    );
    record(
      `ui: the class in a line ("${texts[0] ?? ''}")`,
      /^3 students \d+\.\d{3} USD\/h · one read of the account \(\d+ API calls\)$/.test(texts[0] ?? ''),
      texts.join('\n'),
    );
    // The Refresh command shows the Account view again: folded once more for the picture.
    await setExpanded(page, /^\s*Account/i, false);
    await expand(page, rows, /^\s*user01\s*$/);
    await expand(page, rows, /^\s*Track 0 · /);
    await expand(page, rows, /^\s*Running: 2\s*$/);
    await expand(page, rows, /^\s*Owned by no student\s*$/);
    // user03 open too: its hover, drawn below its row, then covers its own tracks, not the next student.
    await expand(page, rows, /^\s*user03\s*$/);
    const open = await rowTexts(rows);
    record(
      'ui: user01 opens to its steps by track and its two running servers with their hourly cost',
      open.some((t) => /^Track 0 · The starting web server [✓✗·!]+$/.test(t)) &&
        ['WebServer-user01', 'WebServer2-user01'].every((n) =>
          open.some((t) => new RegExp(`^${n} instance · \\d+\\.\\d{4} USD/h$`).test(t)),
        ),
      open.join('\n'),
    );
    const steps = open.filter((t) => /^0\.\d /.test(t));
    record(
      `ui: user01's Track 0 opens to its steps, each passed or the reason ("${steps.join('" / "')}")`,
      // 0.1 done (its page answers through the seeded groups), 0.2 with the reason (no Elastic IP).
      steps.length === 2 && /^0\.1 .+ done$/.test(steps[0]!) && /^0\.2 .+ has no Elastic IP\. .+\.$/.test(steps[1]!),
      open.join('\n'),
    );
    record(
      'ui: what no student owns is a row of its own, the seeded WebServer in it',
      open.some((t) => /^Owned by no student \d+ resources · /.test(t)) &&
        open.some((t) => /^WebServer instance · \d+\.\d{4} USD\/h$/.test(t)),
      open.join('\n'),
    );
    // user03's row: the first step that fails, in its hover (0.1: their server is stopped).
    await row(page, rows, /^\s*user03\s*$/)
      .locator('.label-name')
      .hover();
    const hover = page.locator('.monaco-hover', { hasText: 'user03' }).first();
    const tip = await hover
      .waitFor({ state: 'visible', timeout: 5_000 })
      .then(() => hover.innerText())
      .catch(() => '');
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot });
    record(
      `ui: user03's hover says what is wrong first ("${tip.replace(/\s+/g, ' ').slice(0, 200)}")`,
      /\b0\.1 /.test(tip),
      tip,
    );
    console.log(`host: screenshot ${relative(process.cwd(), shot)}`);
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'class-failure.png') }).catch(() => undefined);
    record(
      'ui: the Class view with a row per student',
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/class-failure.png)`,
    );
  } finally {
    await page.mouse.move(0, 0).catch(() => undefined);
    await removeMade(clients, made);
    clients?.destroy();
    await setExpanded(page, CLASS_PANE, false).catch(() => undefined);
    await setExpanded(page, /^\s*Account/i, true).catch(() => undefined);
    await runCommand(page, 'AWS Scale-Out Lab: Refresh').catch(() => undefined);
  }
}
