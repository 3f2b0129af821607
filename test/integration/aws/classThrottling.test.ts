// The throttling test of issue 14: the practice class of 40 with AWS's token buckets (throttling 'aws'), and 40
// students' explorers refreshing at once in one process — each the explorer's own refresh loop (RefreshScheduler,
// real clock: the buckets refill in real time) over the student's read (fetchInventory with their student id),
// keeping what it showed for a throttled section (keepThrottled) and backing off as the explorer does. The SDK
// retries nothing (maxAttempts 1) so every throttle is seen. Every student refreshes at the explorer's fastest pace
// (5 s, as when something of theirs is changing) — a stricter case than the steady minute — with the students'
// first refreshes spread over the first 5 s, as students open their windows. EC2's buckets (per action, 100 and
// 20/s) must refuse nothing: no RequestLimitExceeded. ELBv2's Describe* share one bucket of 10/s per account: at this
// pace a class of 40 is over it (about 4 ELBv2 calls a refresh), so those explorers slow down — quietly: what they
// showed stays, no error row for a section they had read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { resolveAccount } from '../../../src/aws/account';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { fetchInventory, INVENTORY_SECTIONS as SECTIONS } from '../../../src/aws/inventory';
import { keepThrottled, throttledSections } from '../../../src/aws/inventory/throttled';
import type { Inventory, InventorySection } from '../../../src/aws/types';
import { classRoster, startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { FAST_REFRESH_MS, RefreshScheduler } from '../../../src/vscode/views/refreshScheduler';

const CLASS = 40;
const RUN_MS = 20_000;
let server: PracticeServer;

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant', class: CLASS });
});
after(async () => {
  await server.close();
});

interface Explorer {
  readonly student: string;
  readonly clients: AwsClients;
  readonly scheduler: RefreshScheduler;
  readonly reads: { at: number; throttled: InventorySection[]; calls: number }[];
  shown?: Inventory;
}

test('40 students refreshing at once get no RequestLimitExceeded', async (t) => {
  assert.equal(server.throttling, 'aws');
  const account = await resolveAccount(
    { source: 'practice', endpointUrl: server.endpoint },
    async () => server.endpoint,
    {},
  );
  const start = performance.now();
  const explorers: Explorer[] = classRoster(CLASS).students.map(({ student }) => {
    const clients = createClients(account, { maxAttempts: 1 });
    const explorer: Explorer = {
      student,
      clients,
      reads: [],
      scheduler: new RefreshScheduler({
        fastMs: FAST_REFRESH_MS,
        slowMs: FAST_REFRESH_MS,
        load: async () => {
          const read = await fetchInventory(clients, { student });
          const throttled = throttledSections(read);
          explorer.reads.push({ at: performance.now() - start, throttled, calls: read.apiCalls });
          explorer.shown = keepThrottled(explorer.shown, read);
          return { inTransition: true, throttled: throttled.length > 0 };
        },
      }),
    };
    return explorer;
  });
  // Students open their windows over the first interval (a fixed spread: the run is the same each time).
  explorers.forEach((e, i) => setTimeout(() => e.scheduler.setVisible(true), (i * FAST_REFRESH_MS) / CLASS));
  await new Promise((resolve) => setTimeout(resolve, RUN_MS));
  for (const e of explorers) e.scheduler.dispose();
  while (explorers.some((e) => e.scheduler.isLoading)) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const e of explorers) e.clients.destroy();

  const refused = server.throttled();
  const reads = explorers.flatMap((e) => e.reads);
  t.diagnostic(`${reads.length} refreshes in ${RUN_MS / 1000} s, ${reads.reduce((n, r) => n + r.calls, 0)} calls`);
  t.diagnostic(`refused by AWS's buckets: ${JSON.stringify(refused)}`);
  t.diagnostic(`refreshes with a throttled section: ${reads.filter((r) => r.throttled.length > 0).length}`);
  const windows = [0, 1, 2, 3].map((w) => reads.filter((r) => r.at >= w * 5000 && r.at < (w + 1) * 5000));
  t.diagnostic(
    `per 5 s: ${windows.map((ws) => `${ws.filter((r) => r.throttled.length).length}/${ws.length}`).join(' ')}`,
  );
  assert.deepEqual(
    Object.keys(refused).filter((k) => k.startsWith('ec2:')),
    [],
    'no RequestLimitExceeded',
  );
  for (const e of explorers) {
    assert.ok(e.reads.length >= 2, `${e.student} refreshed ${e.reads.length} times`);
    // What another service throttled stays as last shown: an error row only for a section never read yet.
    const readOnce = new Set(e.reads.flatMap((r) => SECTIONS.filter((s) => !r.throttled.includes(s))));
    const rows = e.shown?.problems.filter((p) => p.error.kind === 'throttled').map((p) => p.section) ?? [];
    assert.deepEqual(
      rows.filter((s) => readOnce.has(s)),
      [],
      `${e.student} shows the last read of a throttled section`,
    );
  }
});
