// The throttling test of issue 14: the practice class of 40 with AWS's token buckets (throttling 'aws'), and 40
// students' explorers refreshing at once in one process — each the explorer's own refresh loop (RefreshScheduler,
// real clock: the buckets refill in real time) over the student's read (fetchInventory with their student id),
// keeping what it showed for a throttled section (keepThrottled) and backing off as the explorer does. The SDK
// retries nothing (maxAttempts 1) so every throttle is seen. Every student is taken to be in transition (something
// of theirs changing: the explorer's quick pace, which a class shares — refreshScheduler's 0.5 s per student), a
// stricter case than the steady minute; their windows open over the first interval, as a class's do. In steady
// state AWS's buckets refuse nothing: no RequestLimitExceeded from EC2 (per action, 100 and 20/s), and nothing from
// ELB's shared 10/s, RDS's 12/s or CloudWatch either. Then the stress case: every explorer at a one-student account's
// quick pace (5 s): EC2 still refuses nothing; ELBv2's shared bucket does, and those explorers slow down quietly.
import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { resolveAccount } from '../../../src/aws/account';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { fetchInventory, INVENTORY_SECTIONS as SECTIONS } from '../../../src/aws/inventory';
import { keepThrottled, throttledSections } from '../../../src/aws/inventory/throttled';
import type { Inventory, InventorySection } from '../../../src/aws/types';
import { classRoster, startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { CLASS_FAST_MS_PER_STUDENT, RefreshScheduler } from '../../../src/vscode/views/refreshScheduler';

const CLASS = 40;
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

/**
 * 40 explorers for `runMs`, their windows opening one after the other over `spreadMs`; `quickMs` overrides the pace
 * (both the quick and the steady one) to stress the buckets.
 */
async function runClass(options: { runMs: number; spreadMs: number; quickMs?: number }) {
  await server.reset(); // the class as seeded, every bucket full
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
        ...(options.quickMs ? { fastMs: options.quickMs, slowMs: options.quickMs } : {}),
        load: async () => {
          const read = await fetchInventory(clients, { student });
          const throttled = throttledSections(read);
          explorer.reads.push({ at: performance.now() - start, throttled, calls: read.apiCalls });
          explorer.shown = keepThrottled(explorer.shown, read);
          // With a pace of its own, the stress run leaves the class's share out.
          const sharedBy = options.quickMs ? 1 : (explorer.shown.others?.students.length ?? 0) + 1;
          return { inTransition: true, throttled: throttled.length > 0, sharedBy };
        },
      }),
    };
    return explorer;
  });
  // A fixed spread: the run is the same each time.
  explorers.forEach((e, i) => setTimeout(() => e.scheduler.setVisible(true), (i * options.spreadMs) / CLASS));
  await new Promise((resolve) => setTimeout(resolve, options.runMs));
  for (const e of explorers) e.scheduler.dispose();
  while (explorers.some((e) => e.scheduler.isLoading)) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const e of explorers) e.clients.destroy();
  const reads = explorers.flatMap((e) => e.reads);
  return { explorers, reads, refused: server.throttled() };
}

function report(t: TestContext, runMs: number, { reads, refused }: Awaited<ReturnType<typeof runClass>>) {
  t.diagnostic(`${reads.length} refreshes in ${runMs / 1000} s, ${reads.reduce((n, r) => n + r.calls, 0)} calls`);
  t.diagnostic(`refused by AWS's buckets: ${JSON.stringify(refused)}`);
  t.diagnostic(`refreshes with a throttled section: ${reads.filter((r) => r.throttled.length > 0).length}`);
}

const ec2Refusals = (refused: Readonly<Record<string, number>>) =>
  Object.keys(refused).filter((k) => k.startsWith('ec2:'));

test('40 students refreshing at once at the class’s pace: AWS throttles nothing, no RequestLimitExceeded', async (t) => {
  assert.equal(server.throttling, 'aws');
  // Windows open over the first interval; then a second half of one.
  const interval = CLASS * CLASS_FAST_MS_PER_STUDENT;
  const runMs = interval * 1.5;
  const run = await runClass({ runMs, spreadMs: interval });
  report(t, runMs, run);
  assert.deepEqual(ec2Refusals(run.refused), [], 'no RequestLimitExceeded');
  assert.deepEqual(run.refused, {}, 'nothing throttled');
  assert.ok(run.reads.length >= CLASS * 1.4, `${run.reads.length} refreshes: every student's, then the class's pace`);
  for (const e of run.explorers) {
    assert.equal(e.scheduler.pace.slowedDown, false, `${e.student} at the normal pace`);
    assert.equal(e.scheduler.interval, interval, `${e.student} refreshes every ${interval / 1000} s`);
    assert.deepEqual(e.shown?.problems, [], `${e.student} shows no error row`);
  }
});

test('at a one-student pace (5 s) the class is over ELB’s shared bucket, not EC2’s: explorers slow down quietly', async (t) => {
  const runMs = 15_000;
  const run = await runClass({ runMs, spreadMs: 5_000, quickMs: 5_000 });
  report(t, runMs, run);
  assert.deepEqual(ec2Refusals(run.refused), [], 'no RequestLimitExceeded');
  assert.ok((run.refused['elasticloadbalancing:DescribeTargetGroups'] ?? 0) > 0, 'ELBv2 throttled');
  const throttled = run.explorers.filter((e) => e.reads.some((r) => r.throttled.length > 0));
  assert.ok(throttled.length > 0);
  for (const e of run.explorers) {
    // What was throttled stays as last shown: an error row only for a section never read yet.
    const readOnce = new Set(e.reads.flatMap((r) => SECTIONS.filter((s) => !r.throttled.includes(s))));
    const rows = e.shown?.problems.filter((p) => p.error.kind === 'throttled').map((p) => p.section) ?? [];
    assert.deepEqual(
      rows.filter((s) => readOnce.has(s)),
      [],
      `${e.student} shows the last read of a throttled section`,
    );
    const last = e.reads.at(-1);
    if (last && last.throttled.length > 0) assert.equal(e.scheduler.pace.slowedDown, true, `${e.student} slowed down`);
  }
});
