// The teacher's table over the practice class of 40 (seed 003's names, every stage, half made by hand, half by the
// runners) with the real SDK: ONE inventory of the account (every list action sent once), every student's pages
// fetched over the practice web, a row per student as the roster says they got, and the teacher's own apart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolveAccount } from '../../../src/aws/account';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import type { Inventory } from '../../../src/aws/types';
import { createWebProbe } from '../../../src/aws/web';
import { CLASS_WEB_SOCKETS } from '../../../src/lab/class/observe';
import { readClass } from '../../../src/lab/class/read';
import { classStatus, type ClassStatus } from '../../../src/lab/class/status';
import type { Observations, WebProbe } from '../../../src/lab/types';
import { classRoster, startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { stageHasAlb } from '../../../src/practice/seed/classRoster';
import { recordActions, type CallLog } from '../../fixtures/callLog';

const CLASS = 40;
const roster = classRoster(CLASS);
let server: PracticeServer;
let clients: AwsClients;
let log: CallLog;
let status: ClassStatus;
let whole: Inventory;
let observations: Map<string, Observations>;
/** Every page the probe fetched, in order (host and path). */
const fetched: string[] = [];
let listenersBeforeFirstPage = -1;

before(async () => {
  // Throttling off: this test is about the table; the class's budget under AWS's buckets is the budget test's.
  server = await startPracticeServer({ port: 0, speed: 'instant', class: CLASS, throttling: 'off' });
  const account = await resolveAccount(
    { source: 'practice', endpointUrl: server.endpoint },
    async () => server.endpoint,
    {},
  );
  clients = createClients(account, { maxAttempts: 1 });
  log = recordActions(clients);
  // Every step of every student is compared to the roster, so no page may time out for want of CPU on a shared
  // machine (an ALB that answers, read as silent). A closed server still gives no answer, only later.
  const probe = createWebProbe(account, { maxSockets: CLASS_WEB_SOCKETS, timeoutMs: 3000 });
  const web: WebProbe = {
    fetch: (host, path, options) => {
      if (fetched.length === 0) listenersBeforeFirstPage = log.count('elbv2:DescribeListeners');
      fetched.push(`${host}${path}`);
      return probe.fetch(host, path, options);
    },
  };
  // As `class status` reads it: the pages started from the read's early look (lab/class/read.ts).
  const read = await readClass(clients, { layout: 'seed003', web });
  whole = read.whole;
  observations = read.observations;
  assert.deepEqual(whole.problems, []);
  status = classStatus(whole, { layout: 'seed003', observations });
});
after(async () => {
  clients.destroy();
  await server.close();
});

test('the whole table comes from one inventory: each list action once, whatever the class size', () => {
  for (const action of [
    'ec2:DescribeInstances',
    'ec2:DescribeVpcs',
    'ec2:DescribeSecurityGroups',
    'elbv2:DescribeLoadBalancers',
    'elbv2:DescribeTargetGroups',
    'rds:DescribeDBInstances',
    'sts:GetCallerIdentity',
  ])
    assert.equal(log.count(action), 1, `${action}: ${JSON.stringify(log.byAction())}`);
  assert.equal(status.apiCalls, log.count());
});

test('each page a student’s checks read was fetched once, for the early look and the whole read together', () => {
  const asked = new Map<string, number>();
  for (const key of fetched) asked.set(key, (asked.get(key) ?? 0) + 1);
  // A load balancer's samples are its eight answers in a row; anything else, one fetch.
  const judged = new Map<string, number>();
  for (const [, pages] of observations)
    for (const [key, o] of pages) judged.set(key, Math.max(judged.get(key) ?? 0, o.samples?.length ?? 1));
  for (const [key, n] of judged) assert.equal(asked.get(key), n, key);
  // The early look asked nothing the whole read did not judge here (the class's listeners change no page).
  assert.deepEqual(
    [...asked.keys()].filter((k) => !judged.has(k)),
    [],
  );
  assert.ok(judged.size >= 80, `${judged.size} pages`);
  // …and the pages began before the listeners were read: they overlap ELB's paced tail.
  assert.equal(listenersBeforeFirstPage, 0);
});

test('one row per student of the roster, in its order, every step of each as the roster says', () => {
  assert.deepEqual(
    status.rows.map((r) => r.student),
    roster.students.map((s) => s.student),
  );
  for (const s of roster.students) {
    const row = status.rows.find((r) => r.student === s.student);
    assert.ok(row);
    // Every step of seed 003's handout, as the roster says the checks judge it: passed, or failed / waiting and why.
    const verdict = (r: (typeof row.steps)[number]) =>
      r.status === 'passed' ? 'passed' : `${r.status} ${r.reason.code}`;
    assert.deepEqual(
      Object.fromEntries(row.steps.map((r) => [r.step, verdict(r)])),
      s.expected.steps,
      `${s.student} (${s.stage}, ${s.madeBy}${s.aurora ? ', Aurora' : ''})`,
    );
    assert.deepEqual(
      row.steps.map((r) => r.step),
      Object.keys(s.expected.steps),
      'in the handout’s order',
    );
    const result = (id: string) => row.steps.find((r) => r.step === id);
    const fails = s.expected.fails;
    if (fails) {
      const r = result(fails.step);
      assert.ok(r && r.status !== 'passed', `${s.student} (${s.stage}) ${fails.step} should not pass`);
      if (fails.reason === 'missing') assert.match(r.reason.code, /\.missing$/, `${s.student} ${fails.step}`);
      if (fails.reason === 'stopped') assert.equal(r.reason.code, 'webServer.notRunning', s.student);
      if (fails.reason.startsWith('Target.')) assert.equal(r.reason.args.reason, fails.reason, s.student);
    }
    // Shut out of the ALB by the web group: webserver#1 and #2 pass, saying the load balancer's step is the cause.
    if (s.stage === 'wrongGroup')
      for (const id of ['1.3', '4.3']) {
        const r = result(id);
        const notes = r?.status === 'passed' ? (r.notes ?? []) : [];
        assert.deepEqual(
          notes.map((n) => `${n.code} ${n.args.groupName} ${n.args.loadBalancer}`),
          [`note.shutOutOfBalancer ${s.names.webGroup} ${s.names.loadBalancer}`],
          `${s.student} ${id}`,
        );
      }
    // What runs: their instances, their ALB, their Aurora members.
    const alb = stageHasAlb(s.stage) ? 1 : 0;
    assert.equal(
      row.running.length,
      s.expected.runningInstances + alb + s.expected.dbInstances,
      `${s.student}: ${JSON.stringify(row.running)}`,
    );
    assert.equal(row.running.filter((x) => x.kind === 'loadBalancer').length, alb, s.student);
    assert.ok(row.hourlyUsd > 0, `${s.student} bills (a stopped server's EBS, a loose EIP)`);
  }
});

test('the resources no student owns are the teacher’s, with their cost, and no student’s are among them', () => {
  const names = status.unowned.resources.map((u) => u.name);
  assert.ok(names.includes('teacher-bastion'), JSON.stringify(names));
  assert.ok(names.includes('teacher-bastion-sg'), JSON.stringify(names));
  assert.ok(!names.some((n) => /user\d\d/.test(n ?? '')), JSON.stringify(names));
  assert.ok(status.unowned.hourlyUsd > 0);
  const rows = status.rows.reduce((n, r) => n + r.hourlyUsd, 0);
  assert.ok(Math.abs(rows + status.unowned.hourlyUsd - status.hourlyUsd) < 1e-3, `${rows} vs ${status.hourlyUsd}`);
});
