// The host pass's track 1 from the palette, after the suite left the practice account at steps 1.1 and 1.2: 1.3,
// 1.4 and 1.6 run with Enter accepting the handouts' settings each time, 1.8's chart of the load balancer's answers
// (tally.png), 1.10's chart while WebServer2 is stopped (availability.png), the walkthrough with the passed steps
// ticked and the checklist with 1.5's reason (walkthrough.png, checklist.png; 1.5, an edit over SSH, stays undone
// for sshUi.ts), and 1.9 passed by clicking its fixes in the checklist.
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { fixStepFromChecklist, openLabViews, readChart, runStepFromPalette } from './labUi';
import type { RecordCheck } from './outcomes';

export async function track1Pass(page: Page, record: RecordCheck, artifacts: string): Promise<void> {
  const labShots = { walkthrough: join(artifacts, 'walkthrough.png'), checklist: join(artifacts, 'checklist.png') };
  const chartShot = join(artifacts, 'tally.png');
  const availabilityShot = join(artifacts, 'availability.png');
  try {
    for (const step of ['1.3 Launch WebServer2', '1.4 Give WebServer2', '1.6 Create the Application Load Balancer']) {
      const said = await runStepFromPalette(page, step);
      record(
        `ui: step ${step} run from the command palette with Enter says done ("${said}")`,
        /: done\./.test(said),
        said,
      );
    }
    const said = await runStepFromPalette(page, '1.8 Verify');
    const chart = await readChart(page, chartShot);
    const counted = chart.bars.reduce((n, b) => n + Number(b.split(' · ').pop() ?? 0), 0);
    record(
      `ui: 1.8 shows the load balancer's answers per server in a chart (${chart.bars.join('; ')}; ${chart.summary})`,
      chart.bars.some((b) => b.startsWith('WebServer ·')) &&
        chart.bars.some((b) => b.startsWith('WebServer2 ·')) &&
        counted === 20,
      `the outcome said: ${said}`,
    );
    // 1.10: one server stopped, the chart counts who answered meanwhile; then it is started and healthy again.
    const stopped = await runStepFromPalette(page, '1.10 Availability');
    const during = await readChart(
      page,
      availabilityShot,
      (summary) => /Requests: 10\b/.test(summary) && /done/.test(summary),
    );
    record(
      `ui: 1.10 charts the answers while WebServer2 is stopped (${during.bars.join('; ')}; "${during.note}")`,
      /: done\./.test(stopped) &&
        during.bars.length === 1 &&
        during.bars[0]!.startsWith('WebServer ·') &&
        /healthy again/.test(during.note),
      `the outcome said: ${stopped}`,
    );
    const lab = await openLabViews(page, labShots, {
      ticked: 'step1_10',
      failingStep: '1.5',
      failing: /still says 私たちのビジョン/,
    });
    const expected = ['step0_1', 'step0_2', 'step1_1', 'step1_2', 'step1_3', 'step1_4', 'step1_6', 'step1_10'];
    record(
      `ui: the walkthrough ticks the passed steps (${lab.ticked.join(', ')})`,
      expected.every((s) => lab.ticked.includes(s)) && !lab.ticked.includes('step1_5'),
      `expected ${expected.join(', ')} ticked and step1_5 not`,
    );
    record(
      `ui: the checklist row of 1.5 reads its reason ("${lab.failingRow}")`,
      /still says 私たちのビジョン/.test(lab.failingRow),
      lab.checklistRows.join('\n'),
    );
    // 1.9 by its one-click fixes in the checklist: close direct HTTP access, keep the load balancer's.
    const fixes = await fixStepFromChecklist(page, '1.9');
    record(`ui: 1.9 passes after clicking its fixes in the checklist (${fixes.join('; ')})`, fixes.length > 0);
    console.log(
      `host: screenshots ${[chartShot, availabilityShot, labShots.walkthrough, labShots.checklist].map((f) => relative(process.cwd(), f)).join(', ')}`,
    );
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'lab-failure.png') }).catch(() => undefined);
    record(
      'ui: lab steps, chart, walkthrough and checklist',
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/lab-failure.png)`,
    );
  }
}
