// The host pass's track 3, as a student does it from the palette (Enter accepting the handout's settings each time)
// after the UI pass ran track 1 (the AMI, LoadBalancer and its target group exist; the suite deleted its own group):
// 3.1 the launch template, 3.2 WebServer-ASG behind the target group, 3.3 the alarms at 70/30 with simple policies,
// then 3.4's bounded load until the group scales out and back in. The Auto Scaling chart opens by itself on 3.4's
// first timeline: photographed during the scale-out when a poll catches it (desired 3, CPU over 70 %), else when
// finished (its timeline keeps every sample), and again once done (scaling-chart.png, scaling-chart-done.png). Then
// the explorer's row of the group with its instances, template, policies, alarms and recent activities
// (explorer-autoscaling.png). Last of the UI pass: its cost and network checks before it count instances.
import { join, relative } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { openExplorerGroupTo } from './explorerUi';
import { readStepOutcome, runCommand, runStepFromPalette, startStepFromPalette } from './labUi';

type Record = (name: string, ok: boolean, detail?: string) => void;

/** The lab's names (src/lab/layout.ts, LabNames.scaling of the default layout). */
const GROUP = 'WebServer-ASG';
const TEMPLATE = 'WebServer-template';

/** Their titles' start in package.nls.json (command.step.3_1 … 3_4). */
const BUILD_STEPS = [
  "3.1 Create a launch template from the lab's AMI",
  '3.2 Create the Auto Scaling group behind the target group',
  '3.3 Scaling policies: CPU over 70 % adds a server, under 30 % removes one',
];
const LOAD_STEP = '3.4 Put load on the web tier: watch it scale out and back in';

/** The window's height for the chart's pictures: its page (summary, five parts, the note) in full. */
const CHART_HEIGHT = 1000;

const HEADINGS = ['Average CPU utilization (%)', 'Instances: desired and in service', 'Each instance'];

interface ChartRead {
  summary: string;
  note: string;
  /** The instance lanes' labels ("i-… · ap-northeast-1a"); the alarms' strips left out. */
  lanes: string[];
  headings: string[];
  /** The CPU line's highest point, read off the drawing (percent). */
  cpuPeak: number;
  /** The desired step line's values in order, repeats merged (2 → 3 → 2). */
  desiredSteps: number[];
}

async function chartFrame(page: Page): Promise<Frame | undefined> {
  for (const frame of page.frames())
    if (
      (await frame
        .locator('svg.chart')
        .count()
        .catch(() => 0)) > 0
    )
      return frame;
  return undefined;
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const desiredOf = (summary: string) => Number(/desired (\d+) · in service/.exec(summary)?.[1] ?? NaN);
const cpuOf = (summary: string) => Number(/CPU ([\d.]+) %/.exec(summary)?.[1] ?? NaN);

async function readChart(frame: Frame): Promise<ChartRead> {
  const summary = squash(await frame.locator('#summary').textContent());
  const note = squash(await frame.locator('#note').textContent());
  const texts = async (selector: string) => (await frame.locator(selector).allTextContents()).map((s) => s.trim());
  // The drawing's numbers read here, worked out in Node (a named function inside a page function breaks: the
  // bundler's __name helper does not exist in the page).
  const attrs = (selector: string, names: string[]) =>
    frame
      .locator(selector)
      .evaluateAll(
        (els, ns) => els.map((el) => ns.map((n) => (n === '#text' ? el.textContent : el.getAttribute(n)) ?? '')),
        names,
      );
  const frames = await attrs('svg.chart rect.frame', ['y', 'height']);
  const cpuLines = await attrs('svg.chart polyline.cpu', ['points']);
  const cpuDots = await attrs('svg.chart circle.cpu-dot', ['cy']);
  const desiredLine = await attrs('svg.chart polyline.desired', ['points']);
  const ticks = await attrs('svg.chart text.tick', ['y', '#text']);
  const ys = (points: string) =>
    points
      .trim()
      .split(/\s+/)
      .map((xy) => Number(xy.split(',')[1]));
  // The frames in order: CPU (0-100 %), capacity (0 to its top tick), requests per second.
  const [cpuFrame, capFrame] = frames.map(([y, h]) => ({ top: Number(y), h: Number(h) }));
  let cpuPeak = NaN;
  if (cpuFrame) {
    const points = [...cpuLines.flatMap(([p]) => ys(p ?? '')), ...cpuDots.map(([cy]) => Number(cy))];
    cpuPeak = Math.max(...points.map((y) => ((cpuFrame.top + cpuFrame.h - y) / cpuFrame.h) * 100));
  }
  const desiredSteps: number[] = [];
  if (capFrame && desiredLine[0]) {
    const { top, h } = capFrame;
    // The capacity axis' ticks are labelled with counts (y, then the text); its top is the highest.
    const counts = ticks
      .filter(([y]) => Number(y) >= top && Number(y) <= top + h + 6)
      .map(([, text]) => Number(text))
      .filter((n) => Number.isFinite(n));
    const axisTop = Math.max(...counts);
    for (const y of ys(desiredLine[0][0] ?? '')) {
      const v = Math.round(((top + h - y) / h) * axisTop);
      if (desiredSteps.at(-1) !== v) desiredSteps.push(v);
    }
  }
  const drawn = { cpuPeak, desiredSteps };
  return {
    summary,
    note,
    lanes: (await texts('svg.chart text.label')).filter((l) => /^i-[0-9a-f]+\b/.test(l)),
    headings: await texts('svg.chart text.heading'),
    ...drawn,
  };
}

interface LoadRun {
  said: string;
  /** Photographed while the watch was live, desired 3 and CPU over 70 % (else after the run). */
  live?: string;
  /** The highest desired and CPU the summary showed while polled. */
  desiredSeen: number;
  cpuSeen: number;
  done: ChartRead;
}

/**
 * 3.4 from the palette; the chart polled while it runs, photographed the moment its summary shows desired 3 with
 * the CPU over 70 %; the outcome read; the finished chart read and photographed.
 */
async function runLoadStep(page: Page, shots: { live: string; done: string }): Promise<LoadRun> {
  await runCommand(page, 'View: Close All Editors').catch(() => undefined);
  // The chart opens in the editor: the sidebar (widened by the explorer's passes) and the panel (a window may
  // come back with its terminal shown) hidden, the window taller, so the whole chart is in the picture.
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await page.locator('[id="workbench.parts.sidebar"]').waitFor({ state: 'hidden', timeout: 5_000 });
  const panel = page.locator('[id="workbench.parts.panel"]');
  if (await panel.isVisible()) {
    await runCommand(page, 'View: Toggle Panel Visibility');
    await panel.waitFor({ state: 'hidden', timeout: 5_000 });
  }
  const viewport = page.viewportSize();
  if (viewport) await page.setViewportSize({ width: viewport.width, height: CHART_HEIGHT });
  await startStepFromPalette(page, LOAD_STEP);
  let live: string | undefined;
  let desiredSeen = 0;
  let cpuSeen = 0;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const frame = await chartFrame(page);
    const summary = frame ? squash(await frame.locator('#summary').textContent()) : '';
    desiredSeen = Math.max(desiredSeen, desiredOf(summary) || 0);
    cpuSeen = Math.max(cpuSeen, cpuOf(summary) || 0);
    // The summary's state word ("watching…" while live, "done" once the run is over).
    const state = frame
      ? squash(
          await frame
            .locator('#summary .state')
            .textContent({ timeout: 1_000 })
            .catch(() => ''),
        )
      : '';
    const out = desiredOf(summary) >= 3 && cpuOf(summary) > 70 && state !== 'done';
    if (frame && out && !live) {
      await page.mouse.move(0, 0);
      await page.screenshot({ path: shots.live });
      // The summary right after the picture: what it shows (the poll before it may be a moment older).
      const after = squash(await frame.locator('#summary').textContent());
      if (desiredOf(after) >= 3 && /watching/.test(after)) live = after.replace(/watching…/, ' ');
    }
    if (frame && state === 'done') break;
    if (Date.now() > deadline) throw new Error(`3.4's chart never finished (last summary: "${summary}")`);
    await page.waitForTimeout(frame ? 100 : 300);
  }
  const said = await readStepOutcome(page, LOAD_STEP, 60_000);
  const frame = await chartFrame(page);
  if (!frame) throw new Error('the Auto Scaling chart closed after 3.4');
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  await page.screenshot({ path: shots.done });
  if (!live) await page.screenshot({ path: shots.live });
  const chart = await readChart(frame);
  if (viewport) await page.setViewportSize(viewport);
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  return { said, ...(live ? { live } : {}), desiredSeen, cpuSeen, done: chart };
}

/** The group's explorer row once `ready` holds (the explorer refreshes after the run), photographed. */
async function explorerGroup(page: Page, shot: string, ready: (rows: string[]) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const asg = await openExplorerGroupTo(page, 'Auto Scaling groups', GROUP, shot, 30_000, ['Recent activities']);
    if (ready([asg.row, ...asg.rows]) || Date.now() > deadline) return asg;
    await page.waitForTimeout(1_000);
  }
}

export async function scalingPass(page: Page, record: Record, artifacts: string): Promise<void> {
  const explorerShot = join(artifacts, 'explorer-autoscaling.png');
  const shots = { live: join(artifacts, 'scaling-chart.png'), done: join(artifacts, 'scaling-chart-done.png') };
  try {
    for (const step of BUILD_STEPS) {
      const said = await runStepFromPalette(page, step, 90_000);
      record(
        `ui: step ${step.split(':')[0]} run from the palette with Enter says done ("${said}")`,
        /: done\./.test(said),
        said,
      );
    }
    const run = await runLoadStep(page, shots);
    const c = run.done;
    record(
      `ui: step 3.4 run from the palette with Enter says done ("${run.said}")`,
      /^3\.4 .*: done\./.test(run.said),
      run.said,
    );
    record(
      run.live
        ? `ui: the Auto Scaling chart opened by itself on 3.4, photographed during the scale-out ("${run.live}")`
        : `ui: the Auto Scaling chart opened by itself on 3.4, photographed after the run (the scale-out was too quick to catch live: desired ${run.desiredSeen}, CPU ${run.cpuSeen} % at most in the polls)`,
      desiredOf(run.live ?? '') >= 3 || (c.desiredSteps.includes(3) && c.cpuPeak > 70),
      JSON.stringify(run, null, 2),
    );
    const [first] = c.desiredSteps;
    const peak = Math.max(...c.desiredSteps);
    record(
      `ui: 3.4's finished chart keeps the scale-out and back: desired ${c.desiredSteps.join(' → ')}, the CPU line up to ${c.cpuPeak.toFixed(0)} %, ${c.lanes.length} instance lanes ("${c.note}")`,
      first === 2 &&
        c.desiredSteps.includes(3) &&
        (c.desiredSteps.at(-1) ?? peak) < peak &&
        c.cpuPeak > 70 &&
        c.lanes.length >= 3 &&
        c.lanes.every((l) => /^i-[0-9a-f]+ · ap-northeast-1[a-z]$/.test(l)) &&
        /desired 2 → [34] after/.test(c.note) &&
        /scaled in .* after the load stopped/.test(c.note) &&
        HEADINGS.every((h) => c.headings.some((x) => x.startsWith(h))),
      JSON.stringify(c, null, 2),
    );
    console.log(`host: screenshots ${[shots.live, shots.done].map((f) => relative(process.cwd(), f)).join(', ')}`);

    const activity = (rows: string[], re: RegExp) => rows.some((r) => re.test(r));
    const scaledBack = (rows: string[]) =>
      /desired 2 · min 2 · max 4/.test(rows[0] ?? '') &&
      activity(rows, /^Launching a new EC2 instance: i-[0-9a-f]+ Successful/) &&
      activity(rows, /^Terminating EC2 instance: i-[0-9a-f]+ Successful/);
    const asg = await explorerGroup(page, explorerShot, scaledBack);
    const rows = asg.rows;
    // Each instance by its Name (the group tags its instances with its own name), else its id.
    const instances = rows.filter((r) => /^\S+ InService · healthy · ap-northeast-1[a-z]$/.test(r));
    const azs = new Set(instances.map((r) => /ap-northeast-1[a-z]/.exec(r)?.[0]));
    record(
      `ui: the explorer's ${GROUP} (${asg.row}) has 2 instances InService and healthy in two AZs, ${TEMPLATE}, its policies and alarms`,
      scaledBack([asg.row, ...rows]) &&
        instances.length === 2 &&
        azs.size === 2 &&
        rows.some((r) => new RegExp(`^${TEMPLATE} launch template · version 1 · ami-`).test(r)) &&
        rows.some((r) =>
          new RegExp(`^${GROUP}-scale-out Adds one instance when ${GROUP}-CPU-High is in ALARM`).test(r),
        ) &&
        rows.some((r) =>
          new RegExp(`^${GROUP}-scale-in Removes one instance when ${GROUP}-CPU-Low is in ALARM`).test(r),
        ) &&
        rows.some((r) => new RegExp(`^${GROUP}-CPU-High \\S+ · CPUUtilization > 70`).test(r)) &&
        rows.some((r) => new RegExp(`^${GROUP}-CPU-Low \\S+ · CPUUtilization < 30`).test(r)),
      [asg.row, ...rows].join('\n'),
    );
    record(
      `ui: its recent activities in AWS's words: a launch and a termination (${rows.filter((r) => /^(Launching|Terminating)/.test(r)).length} shown)`,
      activity(rows, /^Launching a new EC2 instance: i-[0-9a-f]+ Successful/) &&
        activity(rows, /^Terminating EC2 instance: i-[0-9a-f]+ Successful/),
      rows.join('\n'),
    );
    console.log(`host: screenshot ${relative(process.cwd(), explorerShot)}`);
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'scaling-failure.png') }).catch(() => undefined);
    record(
      'ui: track 3 from the palette (3.1-3.4, the Auto Scaling chart, the explorer on WebServer-ASG)',
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/scaling-failure.png)`,
    );
  }
}
