// The host pass's track 3, after the suite made host-ASG, scaled it out to 2 and back in to 0 (suite/scaling.test.ts):
// the explorer's Auto Scaling groups on host-ASG — its launch template and its recent activities in AWS's words
// (explorer-autoscaling.png); "Watch Auto Scaling" from the palette, the chart drawn over it (scaling-chart.png).
// Last of the UI pass, so nothing of it changes another pass's counts. Each check is one record() that can fail.
import { join, relative } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { openExplorerGroupTo } from './explorerUi';
import { runCommand } from './labUi';

type Record = (name: string, ok: boolean, detail?: string) => void;

const GROUP = 'host-ASG';

interface ScalingChart {
  summary: string;
  lanes: string[];
  headings: string[];
}

/** The Auto Scaling chart's webview: its summary once `until` holds, its lanes' labels, then photographed. */
async function readScalingChart(
  page: Page,
  shot: string,
  until: (summary: string) => boolean,
  timeoutMs = 30_000,
): Promise<ScalingChart> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await chartFrame(page);
    if (frame) {
      const summary = ((await frame.locator('#summary').textContent()) ?? '').replace(/\s+/g, ' ').trim();
      if (until(summary) || Date.now() > deadline) {
        await page.mouse.move(0, 0);
        await page.waitForTimeout(500);
        await page.screenshot({ path: shot });
        const texts = async (selector: string) =>
          (await frame.locator(selector).allTextContents()).map((s) => s.trim());
        return { summary, lanes: await texts('svg.chart text.label'), headings: await texts('svg.chart text.heading') };
      }
    }
    if (Date.now() > deadline) throw new Error('the Auto Scaling chart never showed');
    await page.waitForTimeout(300);
  }
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

export async function scalingPass(page: Page, record: Record, artifacts: string): Promise<void> {
  const explorerShot = join(artifacts, 'explorer-autoscaling.png');
  const chartShot = join(artifacts, 'scaling-chart.png');
  try {
    const asg = await openExplorerGroupTo(page, 'Auto Scaling groups', GROUP, explorerShot);
    record(
      `ui: the explorer's Auto Scaling groups show ${GROUP} scaled in to zero (${asg.row}), its launch template and its recent activities`,
      /desired 0 · min 0 · max 3/.test(asg.row) &&
        asg.rows.some((r) => /^host-template launch template · version 1/.test(r)) &&
        asg.rows.some((r) => /^Recent activities\b/.test(r)),
      [asg.row, ...asg.rows].join('\n'),
    );
    console.log(`host: screenshot ${relative(process.cwd(), explorerShot)}`);
    await runCommand(page, 'Watch Auto Scaling');
    const chart = await readScalingChart(page, chartShot, (s) => /desired 0 · in service 0/.test(s));
    record(
      `ui: "Watch Auto Scaling" charts ${GROUP} ("${chart.summary}")`,
      /desired 0 · in service 0 \(min 0, max 3\)/.test(chart.summary) &&
        chart.headings.includes('Average CPU utilization (%)') &&
        chart.headings.includes('Instances: desired and in service'),
      JSON.stringify(chart, null, 2),
    );
    console.log(`host: screenshot ${relative(process.cwd(), chartShot)}`);
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'scaling-failure.png') }).catch(() => undefined);
    record(
      `ui: track 3 (the explorer's Auto Scaling groups, the Auto Scaling chart on ${GROUP})`,
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/scaling-failure.png)`,
    );
  }
}
