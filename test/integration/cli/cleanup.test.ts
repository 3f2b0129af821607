// `scale-out-lab cleanup` against the in-process practice account, through main() as the bin runs it:
// steps 1.1 and 1.2 leave a snapshot and an AMI; --dry-run changes nothing; without --yes off a terminal it
// refuses; --yes --json deletes them and nothing billable of the lab is left; the seeded account stays. After
// tracks 0-1 on a practice server reached by --endpoint-url: the plan puts launch-wizard-1's HTTP back first; an
// unread section or a denied delete exits 1 and never says "nothing billable left"; the rerun finishes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../../src/cli/main';
import type { CleanupPlan, CleanupResult } from '../../../src/lab/cleanup/types';
import { runTrack } from '../../../src/lab/run/runner';
import { editClonePage, startLab } from '../../fixtures/labPractice';
import { captureCli } from '../../fixtures/cliIo';

let dir: string;
let state: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-cleanup-'));
  state = join(dir, 'state.json');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const account = () => ['--practice', '--speed', 'instant', '--state', state];

interface Answer {
  region: string;
  dryRun: boolean;
  plan: CleanupPlan;
  result?: CleanupResult;
}

async function cleanup(args: string[], env: NodeJS.ProcessEnv = { HOME: dir }, extra: Partial<CliIo> = {}) {
  const run = captureCli(env, extra);
  const code = await main(['cleanup', ...args, ...account()], run.io);
  return { code, out: run.out(), err: run.err() };
}

test('cleanup: --dry-run, the refusal off a terminal, then --yes --json leaves nothing billable of the lab', async () => {
  for (const step of ['1.1', '1.2']) {
    const run = captureCli({ HOME: dir });
    assert.equal(await main(['run', step, '--yes', ...account()], run.io), 0, run.err());
  }

  const dry = await cleanup(['--dry-run', '--json']);
  assert.equal(dry.code, 0, dry.err);
  const planned = JSON.parse(dry.out) as Answer;
  assert.equal(planned.dryRun, true);
  assert.deepEqual(
    planned.plan.items.map((i) => i.kind),
    ['image', 'snapshot'],
    'the AMI and the snapshot 1.1 made, behind it',
  );
  assert.ok(planned.plan.hourlyUsd > 0, 'snapshots bill');
  assert.ok(
    planned.plan.others.some((i) => i.kind === 'instance' && i.name === 'WebServer'),
    'the seeded WebServer is listed, kept',
  );
  assert.match(dry.err, /To delete, in this order \(stops 0\.\d{4} USD an hour\):\n {2} 1\. AMI /);
  assert.match(
    dry.err,
    /Not created by the lab, kept \(delete one with --include ID\):\n(.*\n)* {6}Instance WebServer \(i-/,
  );
  const again = await cleanup(['--dry-run', '--json']);
  assert.deepEqual((JSON.parse(again.out) as Answer).plan, planned.plan, '--dry-run changed nothing');

  const refused = await cleanup([]);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /not a terminal: add --yes to delete/);
  const declined = await cleanup([], { HOME: dir }, { confirm: async () => false });
  assert.equal(declined.code, 1);
  assert.match(declined.out, /AMI/);
  assert.equal(await cleanup(['--include', 'i-0000000000nothing', '--dry-run']).then((r) => r.code), 2);

  const done = await cleanup(['--yes', '--json']);
  assert.equal(done.code, 0, done.err);
  const answer = JSON.parse(done.out) as Answer;
  assert.deepEqual(answer.result?.failed, []);
  assert.deepEqual(answer.result?.leftBillable, []);
  assert.equal(answer.result?.deleted.length, 2);
  assert.match(done.err, /Deleted: AMI /);
  assert.match(done.err, /Nothing billable of the lab is left\./);

  // Japanese, and nothing of the lab left.
  const ja = await cleanup([], { HOME: dir, LANG: 'ja_JP.UTF-8' });
  assert.equal(ja.code, 0, ja.err);
  assert.match(ja.out, /削除する演習のリソースはありません。/);
  assert.match(ja.out, /演習で作成したものではないため残します/);
  assert.match(ja.out, /インスタンス WebServer \(i-/);
});

test('cleanup after tracks 0-1: HTTP back first; unread load balancers or a denied delete exit 1; the rerun finishes', async () => {
  const lab = await startLab();
  try {
    const ctx = lab.context();
    for (const o of [
      ...(await runTrack('0', ctx)),
      ...(await runTrack('1', ctx, { editClonePage: async (id) => editClonePage(lab, id) })),
    ])
      assert.equal(o.check.status, 'passed', o.step);
    const env = { HOME: dir };
    const at = ['--endpoint-url', lab.server.endpoint];

    const dry = captureCli(env);
    assert.equal(await main(['cleanup', '--dry-run', '--json', ...at], dry.io), 0, dry.err());
    const planned = (JSON.parse(dry.out()) as Answer).plan;
    assert.deepEqual(
      planned.changes.slice(0, 2).map((c) => `${c.action} ${c.groupName} ${c.fromPort} ${c.source.kind}`),
      ['authorizeIngress launch-wizard-1 80 cidr', 'authorizeIngress launch-wizard-1 80 cidr6'],
    );
    assert.match(
      dry.err(),
      /Changes to what is kept, made first:\n {3}1\. launch-wizard-1 \(sg-\w+\): allow TCP 80 from 0\.0\.0\.0\/0 again/,
    );
    assert.ok(planned.items.some((i) => i.kind === 'loadBalancer'));

    // The load balancers unread while planning: said so, the rest goes, exit 1.
    lab.server.injectFault({ action: 'elasticloadbalancing:DescribeLoadBalancers', kind: 'throttle', count: 4 });
    const blind = captureCli(env);
    assert.equal(await main(['cleanup', '--yes', '--json', ...at], blind.io), 1, blind.err());
    const blindAnswer = JSON.parse(blind.out()) as Answer;
    assert.deepEqual(
      blindAnswer.plan.unread.map((u) => `${u.section} ${u.action}`),
      ['loadBalancing elasticloadbalancing:DescribeLoadBalancers'],
    );
    assert.ok(!blindAnswer.plan.items.some((i) => i.kind === 'loadBalancer'));
    assert.match(
      blind.err(),
      /Could not read the load balancers and target groups \(elasticloadbalancing:DescribeLoadBalancers\): /,
    );
    assert.doesNotMatch(blind.err(), /Nothing billable of the lab is left/);

    // DeleteLoadBalancer denied, and the final check cannot read the load balancers: exit 1, not "nothing left".
    lab.server.injectFault({ action: 'DeleteLoadBalancer', kind: 'accessDenied', count: 1 });
    let injected = false;
    let deniedErr = '';
    const denied = captureCli(env, {
      stderr: {
        write: (t: string) => {
          deniedErr += t;
          // Once the load balancer has failed, the only DescribeLoadBalancers left is the final check's.
          if (!injected && /Failed: Load balancer/.test(t)) {
            injected = true;
            lab.server.injectFault({
              action: 'elasticloadbalancing:DescribeLoadBalancers',
              kind: 'throttle',
              count: 3,
            });
          }
        },
      },
    });
    assert.equal(await main(['cleanup', '--yes', ...at], denied.io), 1);
    const said = denied.out() + deniedErr;
    assert.ok(injected, said);
    assert.doesNotMatch(said, /Nothing billable of the lab is left/);
    assert.match(said, /Unknown: the final check could not read part of the account; run cleanup again:/);
    assert.match(said, /Failed: Load balancer \S+ \(arn:/);
    assert.equal((await ctx.inventory()).loadBalancers.length, 1, 'the ALB still runs');

    // Faults cleared: the rerun finishes.
    const done = captureCli(env);
    assert.equal(await main(['cleanup', '--yes', '--json', ...at], done.io), 0, done.err());
    const answer = JSON.parse(done.out()) as Answer;
    assert.deepEqual(answer.result?.failed, []);
    assert.deepEqual(answer.result?.unread, []);
    assert.match(done.err(), /Nothing billable of the lab is left\./);
    const inv = await ctx.inventory();
    assert.deepEqual(inv.loadBalancers, []);
    const wizard = inv.securityGroups.find((g) => g.name === 'launch-wizard-1');
    assert.deepEqual(
      wizard?.inbound
        .filter((r) => r.fromPort === 80)
        .map((r) => r.source.kind)
        .sort(),
      ['cidr', 'cidr6'],
      'launch-wizard-1 admits HTTP from anywhere again',
    );
  } finally {
    await lab.close();
  }
});
