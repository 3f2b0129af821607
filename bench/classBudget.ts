// Issue 14's figures: polling on a budget in a class of 40 sharing one account (the practice class, seed 003's names).
// 1. API calls per student refresh (the explorer's read: STS, then the student's view) against the same student
//    alone in an account (a class of 1), and against the whole account's read every student used to make.
// 2. Calls per minute per student at the explorer's real intervals (refreshScheduler: steady; in transition, the
//    class's share of the quick pace, 0.5 s per student, and a one-student account's 5 s for comparison).
// 3. The 40 students together, per second: the busiest EC2 action against EC2's refill of 20/s per action (the goal),
//    and the other services' shared buckets as the practice account holds them (throttleRules.ts).
// 4. The teacher's `class status`: one read of the account, the students' pages, the table (as src/cli/class.ts
//    does), its wall time and calls; with the buckets off, and with AWS's buckets and the SDK's own retries; and
//    against AWS's buckets as it was made before the pages overlapped the read. Each run's table is held to the
//    roster (stepsOffRoster: a figure of a wrong table would be no figure).
import { performance } from 'node:perf_hooks';
import { resolveAccount } from '../src/aws/account';
import { createClients, type AwsClients } from '../src/aws/clients';
import { fetchInventory } from '../src/aws/inventory';
import type { Inventory } from '../src/aws/types';
import { classWebProbe, observeClass } from '../src/lab/class/observe';
import { readClass } from '../src/lab/class/read';
import { classStatus, studentsIn, type ClassStatus } from '../src/lab/class/status';
import type { Observations } from '../src/lab/types';
import { classRoster, startPracticeServer, type PracticeServer } from '../src/practice/core/server';
import { CLASS_FAST_MS_PER_STUDENT, FAST_REFRESH_MS, SLOW_REFRESH_MS } from '../src/vscode/views/refreshScheduler';
import { recordActions } from '../test/fixtures/callLog';
import { log, median, round } from './lab';

const CLASS = 40;
const TEACHER_RUNS = 5;
/** EC2's non-mutating actions: refill per action per second (the goal of issue 14). */
const EC2_REFILL_PER_ACTION = 20;
/** The shared buckets' refill per second (src/practice/core/throttleRules.ts, from AWS's pages). */
const SHARED_REFILL: Readonly<Record<string, number>> = {
  elbv2: 10,
  elb: 10,
  rds: 12,
  autoscaling: 10,
  'cloudwatch:DescribeAlarms': 9,
};

async function clientsOf(server: PracticeServer, maxAttempts?: number): Promise<AwsClients> {
  const account = await resolveAccount(
    { source: 'practice', endpointUrl: server.endpoint },
    async () => server.endpoint,
    {},
  );
  return createClients(account, maxAttempts ? { maxAttempts } : {});
}

/** One student's refresh as the explorer makes it: its calls, by action. */
async function refreshOf(clients: AwsClients, student: string) {
  const calls = recordActions(clients);
  const inv = await fetchInventory(clients, { student });
  if (inv.problems.length > 0) throw new Error(`${student}: ${JSON.stringify(inv.problems)}`);
  const byAction = calls.byAction();
  calls.clear();
  return { calls: inv.apiCalls, byAction };
}

/** Requests per second of the class together, per EC2 action and per shared bucket, at one refresh interval. */
function together(perStudent: readonly Record<string, number>[], intervalMs: number) {
  const seconds = intervalMs / 1000;
  const sum: Record<string, number> = {};
  for (const byAction of perStudent) for (const [a, n] of Object.entries(byAction)) sum[a] = (sum[a] ?? 0) + n;
  const ec2 = Object.entries(sum)
    .filter(([a]) => a.startsWith('ec2:'))
    .sort((x, y) => y[1] - x[1]);
  const [busiest, calls] = ec2[0] ?? ['', 0];
  const bucket = (key: string) =>
    Object.entries(sum)
      .filter(([a]) => a === key || a.startsWith(`${key}:`))
      .reduce((n, [, c]) => n + c, 0);
  return {
    ec2BusiestAction: busiest,
    ec2PerActionPerSecond: round(calls / seconds),
    ec2GoalPerSecond: EC2_REFILL_PER_ACTION,
    underEc2Goal: calls / seconds < EC2_REFILL_PER_ACTION,
    sharedBucketsPerSecond: Object.fromEntries(
      Object.entries(SHARED_REFILL).map(([key, refill]) => [
        key,
        { perSecond: round(bucket(key) / seconds), refillPerSecond: refill },
      ]),
    ),
  };
}

/** Steps of the teacher's table that are not what the roster says (a page read as silent, a wrong target). */
function offRoster(status: ClassStatus): number {
  let off = 0;
  for (const s of classRoster(CLASS).students) {
    const row = status.rows.find((r) => r.student === s.student);
    for (const step of row?.steps ?? []) {
      const verdict = step.status === 'passed' ? 'passed' : `${step.status} ${step.reason.code}`;
      if (verdict !== (s.expected.steps as Record<string, string>)[step.step]) off += 1;
    }
  }
  return off;
}

/**
 * The teacher's table as `class status` makes it (lab/class/read.ts: one whole read, the students' pages started
 * from its early look while ELB's paced tail is read, the checks); `sequential`, as it was made before: the whole
 * read, then the pages.
 */
async function teacherStatus(clients: AwsClients, how: 'overlapped' | 'sequential') {
  const start = performance.now();
  let read = start;
  let whole: Inventory;
  let observations: Map<string, Observations>;
  if (how === 'overlapped') {
    ({ whole, observations } = await readClass(clients, { layout: 'seed003' }));
  } else {
    whole = await fetchInventory(clients);
    read = performance.now();
    observations = await observeClass(whole, studentsIn(whole), classWebProbe(clients.account), { layout: 'seed003' });
  }
  const observed = performance.now();
  const status = classStatus(whole, { layout: 'seed003', observations });
  const end = performance.now();
  return {
    ms: end - start,
    ...(how === 'sequential' ? { inventoryMs: read - start, pagesMs: observed - read } : {}),
    tableMs: end - observed,
    apiCalls: whole.apiCalls,
    problems: whole.problems.length,
    rows: status.rows.length,
    offRoster: offRoster(status),
  };
}

async function teacherRuns(server: PracticeServer, how: 'overlapped' | 'sequential') {
  const clients = await clientsOf(server);
  try {
    await teacherStatus(clients, how); // warm-up: connections, SDK
    const runs: Awaited<ReturnType<typeof teacherStatus>>[] = [];
    for (let i = 0; i < TEACHER_RUNS; i++) {
      // A teacher asks now and then, not back to back: ELB's bucket (40, 10 a second) is full again after 4 s.
      await new Promise((r) => setTimeout(r, 4500));
      runs.push(await teacherStatus(clients, how));
    }
    const mid = (pick: (r: (typeof runs)[number]) => number | undefined) =>
      round(median(runs.map((r) => pick(r) ?? 0)));
    return {
      wallTimeMs: mid((r) => r.ms),
      maxMs: round(Math.max(...runs.map((r) => r.ms))),
      ...(how === 'sequential' ? { inventoryMs: mid((r) => r.inventoryMs), pagesMs: mid((r) => r.pagesMs) } : {}),
      tableMs: mid((r) => r.tableMs),
      apiCalls: mid((r) => r.apiCalls),
      inventories: 1,
      problems: mid((r) => r.problems),
      stepsOffRoster: Math.max(...runs.map((r) => r.offRoster)),
      rows: runs[0]?.rows ?? 0,
      runs: runs.length,
    };
  } finally {
    clients.destroy();
  }
}

export async function measureClassBudget() {
  log(`class budget: a practice class of ${CLASS}`);
  const [classServer, aloneServer] = await Promise.all([
    startPracticeServer({ speed: 'instant', class: CLASS, throttling: 'off' }),
    startPracticeServer({ speed: 'instant', class: 1, throttling: 'off' }),
  ]);
  try {
    const [clients, alone] = await Promise.all([clientsOf(classServer), clientsOf(aloneServer)]);
    let perStudent: { student: string; stage: string; calls: number; byAction: Record<string, number> }[];
    let aloneRefresh: { calls: number; byAction: Record<string, number> };
    let wholeCalls: number;
    try {
      await fetchInventory(clients); // warm-up
      await fetchInventory(alone);
      aloneRefresh = await refreshOf(alone, 'user01');
      perStudent = [];
      for (const { student, stage } of classRoster(CLASS).students)
        perStudent.push({ student, stage, ...(await refreshOf(clients, student)) });
      wholeCalls = (await fetchInventory(clients)).apiCalls;
    } finally {
      clients.destroy();
      alone.destroy();
    }
    const calls = perStudent.map((s) => s.calls).sort((a, b) => a - b);
    const byStage: Record<string, number[]> = {};
    for (const s of perStudent) (byStage[s.stage] ??= []).push(s.calls);
    const perMinute = (intervalMs: number) => round((median(calls) * 60_000) / intervalMs);
    const classQuick = (n: number) => Math.max(FAST_REFRESH_MS, n * CLASS_FAST_MS_PER_STUDENT);
    const paces = (students: typeof perStudent) => {
      const byAction = students.map((s) => s.byAction);
      return {
        steady: together(byAction, SLOW_REFRESH_MS),
        transition: together(byAction, classQuick(students.length)),
        transitionAtOneStudentPace: together(byAction, FAST_REFRESH_MS),
      };
    };

    log('class budget: the teacher’s class status');
    const teacher = await teacherRuns(classServer, 'overlapped');
    // AWS's buckets and the SDK's default retries (3 attempts, jittered backoff), as the CLI sends them.
    const throttledServer = await startPracticeServer({ speed: 'instant', class: CLASS, throttling: 'aws' });
    let teacherThrottled;
    let teacherSequential;
    try {
      teacherThrottled = {
        ...(await teacherRuns(throttledServer, 'overlapped')),
        refused: throttledServer.throttled(),
      };
      teacherSequential = await teacherRuns(throttledServer, 'sequential');
    } finally {
      await throttledServer.close();
    }

    return {
      class: CLASS,
      perRefresh: {
        aloneUser01: aloneRefresh.calls,
        user01InClass: perStudent.find((s) => s.student === 'user01')?.calls ?? null,
        min: calls[0] ?? null,
        median: median(calls),
        max: calls.at(-1) ?? null,
        byStage: Object.fromEntries(Object.entries(byStage).map(([stage, list]) => [stage, median(list)])),
        wholeAccountRead: wholeCalls,
        goal: 'the same as alone, ± the student’s own resources',
      },
      perMinutePerStudent: {
        steady: perMinute(SLOW_REFRESH_MS),
        transition: perMinute(classQuick(CLASS)),
        transitionAtOneStudentPace: perMinute(FAST_REFRESH_MS),
        intervalMs: { steady: SLOW_REFRESH_MS, transition: classQuick(CLASS), oneStudentQuick: FAST_REFRESH_MS },
      },
      classTogether: {
        students40: paces(perStudent),
        students20: paces(perStudent.slice(0, 20)),
      },
      teacherClassStatus: {
        bucketsOff: teacher,
        awsBuckets: teacherThrottled,
        awsBucketsReadThenPages: teacherSequential,
        goalMs: 3000,
      },
    };
  } finally {
    await Promise.all([classServer.close(), aloneServer.close()]);
  }
}
