// `scale-out-lab class status|cleanup` against the practice class, through main() as the bin runs it: the table
// (JSON, CSV, Japanese text) a row per student as their own `check --student` judges them; the class cleanup of one
// student deleting theirs only, and of all leaving what no student owns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import { main } from '../../../src/cli/main';
import { resolveAccount } from '../../../src/aws/account';
import { createClients } from '../../../src/aws/clients';
import { fetchInventory } from '../../../src/aws/inventory';
import type { Inventory } from '../../../src/aws/types';
import { ownerOfResource } from '../../../src/aws/inventory/scope';
import { studentsIn } from '../../../src/lab/class/status';
import { classRoster, startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { captureCli } from '../../fixtures/cliIo';
import { practiceClients } from '../../fixtures/practiceClients';

let dir: string;
let server: PracticeServer;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-class-'));
  server = await startPracticeServer({ port: 0, speed: 'instant', class: 40, throttling: 'off' });
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[], endpoint: string, env: NodeJS.ProcessEnv = {}) {
  const run = captureCli({ HOME: dir, LANG: 'C', ...env });
  const code = await main([...argv, '--endpoint-url', endpoint], run.io);
  return { code, out: run.out(), err: run.err() };
}

interface Entry {
  id: string;
  passed: boolean;
  status: string;
  reasonCode?: string;
}
interface Row {
  student: string;
  passed: number;
  steps: Entry[];
  running: { kind: string; name?: string; hourlyUsd: number }[];
  hourlyUsd: number;
}

test('class status --json: a row per student of the roster, each as their own check judges them', async () => {
  const run = await cli(['class', 'status', '--json'], server.endpoint);
  assert.equal(run.code, 0, run.err);
  const status = JSON.parse(run.out) as { rows: Row[]; unowned: { resources: { name?: string }[] }; layout: string };
  assert.equal(status.layout, 'seed003', 'a class follows seed 003 unless told');
  const roster = classRoster(40);
  assert.deepEqual(
    status.rows.map((r) => r.student),
    roster.students.map((s) => s.student),
  );
  // Each row is what the student's own check says (their view of the same account).
  for (const student of ['user01', 'user04', 'user40']) {
    const own = await cli(['check', '--json', '--student', student, '--layout', 'seed003'], server.endpoint);
    const entries = JSON.parse(own.out) as Entry[];
    const row = status.rows.find((r) => r.student === student);
    assert.deepEqual(
      row?.steps.map((e) => `${e.id} ${e.status} ${e.reasonCode ?? ''}`),
      entries.map((e) => `${e.id} ${e.status} ${e.reasonCode ?? ''}`),
      student,
    );
  }
  const user01 = status.rows[0];
  assert.equal(user01?.passed, user01?.steps.filter((e) => e.passed).length);
  assert.ok(status.unowned.resources.some((u) => u.name === 'teacher-bastion'));
});

test('class status --csv: a column per step, passed or the reason code, then running and USD/h', async () => {
  const run = await cli(['class', 'status', '--csv'], server.endpoint);
  assert.equal(run.code, 0, run.err);
  assert.match(run.err, /^Account: the practice account /m, 'the account line is on stderr, as with --json');
  const [header, ...rows] = run.out.trimEnd().split('\n');
  const columns = header?.split(',') ?? [];
  // Seed 003's handout has no track 0 (its web server is 4.3's) and no Elastic IPs: track 1 comes first.
  assert.deepEqual(columns.slice(0, 3), ['student', '1.1', '1.2']);
  assert.deepEqual(columns.slice(-2), ['running', 'usd_per_hour']);
  assert.equal(rows.length, 40);
  const cell = (student: string, column: string) =>
    rows.find((r) => r.startsWith(`${student},`))?.split(',')[columns.indexOf(column)];
  const roster = classRoster(40).students;
  for (const s of roster) {
    if (s.stage === 'done') assert.equal(cell(s.student, '1.6'), 'passed', s.student);
    if (s.stage === 'wrongPath' || s.stage === 'wrongGroup')
      assert.equal(cell(s.student, '1.6'), 'target.notHealthy', s.student);
    if (s.stage === 'cloned') assert.equal(cell(s.student, '1.6'), 'alb.missing', s.student);
    if (s.stage === 'webServerOnly') assert.equal(cell(s.student, '1.2'), 'image.missing', s.student);
  }
  const leftovers = roster.find((s) => s.stage === 'leftovers');
  assert.ok(leftovers);
  assert.equal(cell(leftovers.student, 'running'), '0');
  assert.ok(Number(cell(leftovers.student, 'usd_per_hour')) > 0, 'the loose Elastic IP bills');
});

test('class status in Japanese: the table, its marks and what no student owns', async () => {
  const run = await cli(['class', 'status', '--track', '1'], server.endpoint, { LANG: 'ja_JP.UTF-8' });
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /クラス（ap-northeast-1）：受講者 40 人 · アカウントの読み取り 1 回/);
  assert.match(run.out, /\n受講者 {2}トラック別のステップ {2}完了 {2}稼働中 {2}1 時間あたり\n/);
  assert.match(run.out, /\nuser01 {2}[✓✗·!]{6} /, 'track 1 of seed 003: 1.1, 1.2, 1.3, 1.6, 1.7, 1.9');
  assert.match(run.out, /どの受講者のものでもないリソース：\d+ 件/);
  assert.match(run.out, /teacher-bastion {2}インスタンス/);
});

/** Whose each of the account's resources is (teacher's: undefined), by kind and name. */
function owned(inv: Inventory): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const note = (r: { name?: string; id?: string; tags: Readonly<Record<string, string>> }, what: string) => {
    const owner = ownerOfResource(r, 'user') ?? 'nobody';
    out.set(owner, [...(out.get(owner) ?? []), what]);
  };
  for (const i of inv.instances.filter((x) => x.state !== 'terminated')) note(i, `instance ${i.name}`);
  for (const g of inv.securityGroups.filter((x) => x.name !== 'default')) note(g, `sg ${g.name}`);
  for (const v of inv.vpcs.filter((x) => !x.isDefault)) note(v, `vpc ${v.name}`);
  for (const lb of inv.loadBalancers) note(lb, `lb ${lb.name}`);
  for (const img of inv.images) note(img, `ami ${img.name}`);
  for (const d of inv.dbClusters) note({ name: d.id, tags: d.tags }, `cluster ${d.id}`);
  return out;
}

test('class cleanup --student user05 deletes user05’s only; --all every student’s but what no student owns', async () => {
  const small = await startPracticeServer({ port: 0, speed: 'instant', class: 12, throttling: 'off' });
  const account = await resolveAccount(
    { source: 'practice', endpointUrl: small.endpoint },
    async () => small.endpoint,
    {},
  );
  const clients = createClients(account);
  const raw = practiceClients(small.endpoint);
  const keyPairs = async () =>
    ((await raw.ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs ?? []).map((k) => k.KeyName).sort();
  try {
    const before = owned(await fetchInventory(clients));
    assert.ok((before.get('user05')?.length ?? 0) > 3);

    const one = await cli(['class', 'cleanup', '--student', 'user05', '--yes', '--json'], small.endpoint);
    assert.equal(one.code, 0, one.err);
    const result = JSON.parse(one.out) as { plan: { items: { name?: string }[] }; result: { failed: unknown[] } };
    assert.deepEqual(result.result.failed, []);
    assert.ok(
      result.plan.items.every((i) => !/user(?!05)\d\d/.test(i.name ?? '')),
      'nothing named for another',
    );
    const afterOne = owned(await fetchInventory(clients));
    assert.equal(afterOne.get('user05'), undefined, JSON.stringify(afterOne.get('user05')));
    for (const [owner, list] of before) if (owner !== 'user05') assert.deepEqual(afterOne.get(owner), list, owner);
    assert.ok(!(await keyPairs()).includes('1day-user05'));
    assert.ok((await keyPairs()).includes('1day-user06'));

    const dry = await cli(['class', 'cleanup', '--all', '--dry-run', '--json'], small.endpoint);
    assert.equal(dry.code, 0, dry.err);
    const plan = (JSON.parse(dry.out) as { plan: { items: { name?: string }[]; others: { name?: string }[] } }).plan;
    assert.ok(!plan.items.some((i) => i.name?.startsWith('teacher-')));
    assert.ok(plan.others.some((i) => i.name === 'teacher-bastion'));

    const all = await cli(['class', 'cleanup', '--all', '--yes'], small.endpoint);
    assert.equal(all.code, 0, all.err);
    assert.match(all.out, /Nothing billable of the lab is left\./);
    const afterAll = await fetchInventory(clients);
    assert.deepEqual(studentsIn(afterAll), []);
    assert.deepEqual(owned(afterAll).get('nobody'), before.get('nobody'), 'the teacher’s are all there');
    assert.ok(afterAll.instances.some((i) => i.name === 'teacher-bastion' && i.state === 'running'));
    assert.deepEqual(await keyPairs(), ['teacher-key']);
  } finally {
    raw.destroy();
    clients.destroy();
    await small.close();
  }
});
