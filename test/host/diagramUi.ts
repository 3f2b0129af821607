// The lab diagram as a student sees it: "Show the Lab Diagram" from the palette, the servers' chips in their AZ
// columns and the load balancer's bar, photographed; then a click on WebServer2's chip and the explorer row it
// selects. Works on the rendered workbench only (no extension API).
import { join, relative } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { runCommand } from './labUi';
import type { RecordCheck } from './outcomes';

export interface DiagramUiResult {
  /** "WebServer in ap-northeast-1a", one per instance chip, as drawn. */
  chips: string[];
  /** The load balancer bars' labels. */
  loadBalancers: string[];
  /** The explorer's selected row after the click on WebServer2, "label  description". */
  selectedRow: string;
}

const squeeze = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The webview frame showing the diagram with both servers drawn. */
async function diagramFrame(page: Page, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const chips = frame.locator('#diagram .node.chip.instance');
      const labels = await chips
        .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))
        .catch(() => []);
      if (labels.some((l) => l.startsWith('WebServer,')) && labels.some((l) => l.startsWith('WebServer2,')))
        return frame;
    }
    if (Date.now() > deadline) throw new Error('the lab diagram never showed WebServer and WebServer2');
    await page.waitForTimeout(300);
  }
}

export async function showDiagramAndReveal(page: Page, shot: string, timeoutMs = 30_000): Promise<DiagramUiResult> {
  await runCommand(page, 'View: Close All Editors').catch(() => undefined);
  await runCommand(page, 'Show the Lab Diagram');
  const frame = await diagramFrame(page, timeoutMs);
  // Each chip's AZ: the column whose box holds the chip's centre (the picture is the proof, not the markup).
  const chips = await frame.locator('#lab').evaluate((root) => {
    const columns = [...root.querySelectorAll('.node.az')].map((el) => ({
      az: (el.getAttribute('aria-label') ?? '').split(' ').pop() ?? '',
      box: el.getBoundingClientRect(),
    }));
    return [...root.querySelectorAll('.node.chip.instance')].map((el) => {
      const b = el.getBoundingClientRect();
      const x = b.left + b.width / 2;
      const y = b.top + b.height / 2;
      const column = columns.find((c) => x >= c.box.left && x <= c.box.right && y >= c.box.top && y <= c.box.bottom);
      const name = (el.getAttribute('aria-label') ?? '').split(',')[0] ?? '';
      return `${name} in ${column?.az ?? 'no column'}`;
    });
  });
  const loadBalancers = (
    await frame.locator('#lab .node.loadBalancer').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))
  ).map(squeeze);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: shot });

  await frame.locator('#lab .node.chip.instance[aria-label^="WebServer2,"]').first().click();
  const selectedRow = await selectedExplorerRow(page, /^WebServer2\b/);
  return { chips, loadBalancers, selectedRow };
}

/** The sidebar's selected row, "label  description", once it matches `expected` (or what it is after 15 s). */
async function selectedExplorerRow(page: Page, expected: RegExp, timeoutMs = 15_000): Promise<string> {
  const selected = page.locator('[id="workbench.parts.sidebar"] [role="treeitem"][aria-selected="true"]');
  const deadline = Date.now() + timeoutMs;
  let selectedRow = '';
  while (Date.now() < deadline) {
    const rows = await selected
      .evaluateAll((els) =>
        els.map((el) =>
          [...el.querySelectorAll('.label-name, .label-description')].map((e) => e.textContent?.trim()).join('  '),
        ),
      )
      .catch(() => [] as string[]);
    selectedRow = squeeze(rows.find((r) => /\S/.test(r)) ?? '');
    if (expected.test(selectedRow)) break;
    await page.waitForTimeout(300);
  }
  return selectedRow;
}

export interface VpcDrawing {
  /** The VPC frame's label, "VPC Test-VPC · 10.0.0.0/16 · vpc-…". */
  vpc: string;
  /** The AZ columns, left to right. */
  columns: string[];
  /** Each subnet as drawn: its name, public or private, the AZ column holding it and its top edge (page px). */
  subnets: { name: string; tier: string; az: string; top: number }[];
  /** The internet gateway's label and the vertical centre of its box ('' and NaN when none is drawn). */
  igw: string;
  igwCentre: number;
  /** The explorer's selected row after the click on the subnet `click`. */
  selectedRow: string;
}

/**
 * The lab diagram with the VPC `name` drawn (its `subnets` subnets in their columns), photographed on its own; then a
 * click on the subnet `click` and the explorer row it selects.
 */
export async function showVpcDiagramAndReveal(
  page: Page,
  name: string,
  expect: { subnets: number; click: string },
  shot: string,
  timeoutMs = 30_000,
): Promise<VpcDrawing> {
  await runCommand(page, 'View: Close All Editors').catch(() => undefined);
  await runCommand(page, 'Show the Lab Diagram');
  const deadline = Date.now() + timeoutMs;
  let group: Locator | undefined;
  let frame: Frame | undefined;
  while (!group) {
    for (const f of page.frames()) {
      const g = f.locator('#lab g.vpcGroup', { has: f.locator(`.node.vpc[aria-label^="VPC ${name} ·"]`) }).first();
      if (
        (await g
          .locator('.node.subnet')
          .count()
          .catch(() => 0)) >= expect.subnets
      ) {
        group = g;
        frame = f;
        break;
      }
    }
    if (group) break;
    if (Date.now() > deadline) throw new Error(`the lab diagram never drew ${name} with ${expect.subnets} subnets`);
    await page.waitForTimeout(300);
  }
  const drawn = await group.evaluate((root) => {
    const columns = [...root.querySelectorAll('.node.az')]
      .map((el) => ({
        az: (el.getAttribute('aria-label') ?? '').split(' ').pop() ?? '',
        box: el.getBoundingClientRect(),
      }))
      .sort((a, b) => a.box.left - b.box.left);
    const subnets = [...root.querySelectorAll('.node.subnet')].map((el) => {
      const b = (el.querySelector('.box') ?? el).getBoundingClientRect();
      const x = b.left + b.width / 2;
      const column = columns.find((c) => x >= c.box.left && x <= c.box.right);
      const label = el.getAttribute('aria-label') ?? '';
      return {
        name: label.replace(/^\S+ /, '').split(',')[0] ?? '',
        tier: el.classList.contains('public') ? 'public' : el.classList.contains('private') ? 'private' : '?',
        az: column?.az ?? 'no column',
        top: Math.round(b.top),
      };
    });
    const igw = root.querySelector('.node.igw');
    const g = (igw?.querySelector('.box') ?? igw)?.getBoundingClientRect();
    return {
      vpc: root.querySelector('.node.vpc')?.getAttribute('aria-label') ?? '',
      columns: columns.map((c) => c.az),
      subnets,
      igw: igw?.getAttribute('aria-label') ?? '',
      igwCentre: g ? Math.round(g.top + g.height / 2) : NaN,
    };
  });
  // The picture at its own size: the editor beside the widened explorer shrinks it to about 60 %.
  const viewport = page.viewportSize();
  try {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.mouse.move(0, 0);
    await page.waitForTimeout(800);
    await group.screenshot({ path: shot }).catch(() => page.screenshot({ path: shot }));
  } finally {
    if (viewport) await page.setViewportSize(viewport);
    await page.waitForTimeout(500);
  }

  // On the subnet's head (its name), not its middle, where a chip may be drawn.
  const target = frame!.locator(`#lab .node.subnet[aria-label*=" ${expect.click},"]`).first();
  await target.click({ position: { x: 24, y: 12 } });
  const selectedRow = await selectedExplorerRow(page, new RegExp(`^${expect.click}\\b`));
  return { ...drawn, vpc: squeeze(drawn.vpc), selectedRow };
}

/**
 * The lab diagram after track 1 (diagram.png): both servers in their AZ columns, the load balancer across them; a
 * click on WebServer2's chip selects its row in the explorer.
 */
export async function diagramPass(page: Page, record: RecordCheck, artifacts: string): Promise<void> {
  const shot = join(artifacts, 'diagram.png');
  try {
    const d = await showDiagramAndReveal(page, shot);
    const az = (name: string) => /^(\S+) in (\S+)$/.exec(d.chips.find((c) => c.startsWith(`${name} in `)) ?? '')?.[2];
    const web = az('WebServer');
    const clone = az('WebServer2');
    record(
      `ui: the lab diagram draws WebServer and WebServer2 in their AZ columns (${d.chips.join('; ')}) and the load balancer (${d.loadBalancers.join('; ')})`,
      /^ap-northeast-1[a-z]$/.test(web ?? '') &&
        /^ap-northeast-1[a-z]$/.test(clone ?? '') &&
        web !== clone &&
        d.loadBalancers.some((l) => /\bLoadBalancer\b/.test(l)),
      `chips: ${d.chips.join('; ')}\nload balancers: ${d.loadBalancers.join('; ')}`,
    );
    record(
      `ui: a click on WebServer2 in the diagram selects its explorer row ("${d.selectedRow}")`,
      /^WebServer2\b/.test(d.selectedRow),
      d.selectedRow,
    );
    console.log(`host: screenshot ${relative(process.cwd(), shot)}`);
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'diagram-failure.png') }).catch(() => undefined);
    record(
      'ui: the lab diagram shows the servers and reveals WebServer2',
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/diagram-failure.png)`,
    );
  }
}
