// Issue 13 in the real explorer: a Classic Load Balancer made through ELB v1 (the real SDK client, against the
// practice account the window serves) as the console makes one, WebServer registered on a ping path it does not
// serve. The explorer opened on it under Load balancing: its health check as a sentence, WebServer OutOfService in
// red with AWS's reason in its row and in its hover, photographed (clb-outofservice.png). The CLB is deleted after,
// so the passes after it see the lab as the suite left it.
import { join, relative } from 'node:path';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import type { Page } from 'playwright-core';
import { practiceClients } from '../fixtures/practiceClients';
import { openExplorerGroupTo, showAccountRows, widenSidebar } from './explorerUi';
import type { RunDirs } from './hostEnv';
import { runCommand } from './labUi';
import type { RecordCheck } from './outcomes';
import { practiceEndpoint } from './practiceEndpoint';

const CLB = 'classic-web';
const PING = 'HTTP:80/missing.html';
/** AWS's words for an OutOfService instance (DescribeInstanceHealth's Description). */
const FAILED = 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.';
const REGISTERING = 'Instance registration is still in progress.';
/** Wide enough for the instance row's state, AWS's sentence and the AZ on one line. */
const WIDE_SIDEBAR = 1000;

/** Makes the CLB in ap-northeast-1a and 1c with WebServer registered; returns WebServer's instance ID. */
async function makeClassicLoadBalancer(c: ReturnType<typeof practiceClients>): Promise<string> {
  const web = await c.ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: 'tag:Name', Values: ['WebServer'] },
        { Name: 'instance-state-name', Values: ['running'] },
      ],
    }),
  );
  const id = web.Reservations?.[0]?.Instances?.[0]?.InstanceId;
  if (!id) throw new Error('no running WebServer on the practice account');
  await c.clb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: CLB,
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
      AvailabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    }),
  );
  // The console's thresholds, but a ping path WebServer does not serve: it can only be OutOfService.
  await c.clb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: CLB,
      HealthCheck: { Target: PING, Interval: 30, Timeout: 5, HealthyThreshold: 10, UnhealthyThreshold: 2 },
    }),
  );
  await c.clb.send(
    new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: CLB, Instances: [{ InstanceId: id }] }),
  );
  return id;
}

interface ClassicRows {
  clb: string;
  rows: string[];
  /** WebServer's row under the CLB, "label  description". */
  instance: string;
}

/** The explorer refreshed until WebServer's row under the CLB says it failed its checks (or the time is up). */
async function openOnClassic(page: Page, timeoutMs = 40_000): Promise<ClassicRows> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runCommand(page, 'AWS Scale-Out Lab: Refresh');
    await page.waitForTimeout(1_000);
    const opened = await openExplorerGroupTo(page, 'Load balancing', CLB, undefined, 30_000);
    const instance = opened.rows.find((r) => /^WebServer\s/.test(r)) ?? '';
    if (instance.includes(FAILED) || Date.now() > deadline) return { clb: opened.row, rows: opened.rows, instance };
    await page.waitForTimeout(1_000);
  }
}

export async function classicPass(page: Page, record: RecordCheck, artifacts: string, dirs: RunDirs): Promise<void> {
  const shot = join(artifacts, 'clb-outofservice.png');
  let clients: ReturnType<typeof practiceClients> | undefined;
  try {
    clients = practiceClients(await practiceEndpoint(dirs.userData));
    const id = await makeClassicLoadBalancer(clients);
    // Nothing else in the picture: an index.html tab the suite's window left open is closed.
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    const { sidebar, rows } = await showAccountRows(page);
    await widenSidebar(page, sidebar, WIDE_SIDEBAR, true);
    const seen = await openOnClassic(page);
    record(
      `ui: the explorer shows the Classic Load Balancer ${CLB} under Load balancing ("${seen.clb}")`,
      new RegExp(`^${CLB} Classic · internet-facing · ap-northeast-1a, ap-northeast-1c$`).test(seen.clb),
      seen.rows.join('\n'),
    );
    record(
      `ui: its health check reads as a sentence ("${seen.rows.find((r) => r.startsWith('Health check')) ?? ''}")`,
      seen.rows.includes(`Health check ${PING} every 30 s, healthy after 10, unhealthy after 2`),
      seen.rows.join('\n'),
    );
    // WebServer's row one level under the CLB: its icon's colour as drawn, then its hover.
    const level = Number(
      await rows
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${CLB}\\s*$`) }) })
        .first()
        .getAttribute('aria-level'),
    );
    const row = rows
      .and(page.locator(`[aria-level="${level + 1}"]`))
      .filter({ has: page.locator('.label-name', { hasText: /^\s*WebServer\s*$/ }) })
      .first();
    const colour = await row
      .locator('.codicon-error')
      .first()
      .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).color ?? '', undefined, { timeout: 5_000 })
      .catch(() => '');
    const [r = 0, g = 0, b = 0] = (colour.match(/\d+/g) ?? []).map(Number);
    record(
      `ui: WebServer (${id}) under ${CLB} is OutOfService with AWS's reason and its AZ ("${seen.instance}"), its icon red (${colour || 'no error icon'})`,
      seen.instance === `WebServer OutOfService · ${FAILED} · ap-northeast-1a` && r > 150 && r > g + 60 && r > b + 60,
      seen.rows.join('\n'),
    );
    await row.locator('.label-name').hover();
    const hover = page.locator('.monaco-hover', { hasText: 'OutOfService' }).first();
    const hovered = await hover
      .waitFor({ state: 'visible', timeout: 5_000 })
      .then(() => hover.innerText())
      .catch(() => '');
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot });
    const tip = hovered.replace(/\s+/g, ' ').trim();
    record(
      `ui: its hover gives the reason's side and AWS's words ("${tip.slice(0, 240)}")`,
      tip.includes(FAILED) && /the instance \(Instance\)/.test(tip) && !tip.includes(REGISTERING),
      tip,
    );
    console.log(`host: screenshot ${relative(process.cwd(), shot)}`);
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'clb-failure.png') }).catch(() => undefined);
    record(
      'ui: a Classic Load Balancer with WebServer OutOfService in the explorer',
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/clb-failure.png)`,
    );
  } finally {
    await page.mouse.move(0, 0).catch(() => undefined);
    await clients?.clb.send(new DeleteLoadBalancerCommand({ LoadBalancerName: CLB })).catch(() => undefined);
    clients?.destroy();
    // The sidebar as the other passes photograph it, and the explorer without the CLB.
    const { sidebar } = await showAccountRows(page).catch(() => ({ sidebar: undefined }));
    if (sidebar) await widenSidebar(page, sidebar, 560, true).catch(() => undefined);
    await runCommand(page, 'AWS Scale-Out Lab: Refresh').catch(() => undefined);
  }
}
