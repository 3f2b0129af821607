// The lab diagram as a student sees it: "Show the Lab Diagram" from the palette, the servers' chips in their AZ
// columns and the load balancer's bar, photographed; then a click on WebServer2's chip and the explorer row it
// selects. Works on the rendered workbench only (no extension API).
import type { Frame, Page } from 'playwright-core';
import { runCommand } from './labUi';

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
  const selected = page.locator('[id="workbench.parts.sidebar"] [role="treeitem"][aria-selected="true"]');
  const deadline = Date.now() + 15_000;
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
    if (/^WebServer2\b/.test(selectedRow)) break;
    await page.waitForTimeout(300);
  }
  return { chips, loadBalancers, selectedRow };
}
