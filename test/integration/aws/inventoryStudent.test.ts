// A student's read of a class's account with the real SDK against the practice account: the same view as the whole
// account's read cut to the student (scopeInventory), from fewer calls — the calls made per resource go only to the
// student's own resources and what they use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolveAccount } from '../../../src/aws/account';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { fetchInventory } from '../../../src/aws/inventory';
import { scopeInventory } from '../../../src/aws/inventory/scope';
import type { Inventory } from '../../../src/aws/types';
import { startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { recordActions, type CallLog } from '../../fixtures/callLog';
import { practiceClients } from '../../fixtures/practiceClients';
import { SMALL_CLASS, seedSmallClass } from '../../fixtures/smallClass';

let server: PracticeServer;
let clients: AwsClients;
let calls: CallLog;

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant' });
  const aws = practiceClients(server.endpoint);
  try {
    await seedSmallClass(aws, server.world);
  } finally {
    aws.destroy();
  }
  const account = await resolveAccount(
    { source: 'practice', endpointUrl: server.endpoint },
    async () => server.endpoint,
    {},
  );
  clients = createClients(account, { maxAttempts: 1 });
  calls = recordActions(clients);
});
after(async () => {
  clients.destroy();
  await server.close();
});

/** What a view shows, without when it was read or what it cost. */
const shown = (inv: Inventory) => ({ ...inv, fetchedAt: '', apiCalls: 0 });

/** The whole account's read and the student's, back to back, with the actions each sent. */
async function bothReads(student: string) {
  calls.clear();
  const whole = await fetchInventory(clients);
  const wholeCalls = calls.byAction();
  calls.clear();
  const own = await fetchInventory(clients, { student, context: whole.context });
  return { whole, own, ownCalls: calls.byAction(), wholeCalls };
}

for (const student of [...SMALL_CLASS, 'user06']) {
  test(`${student}'s read is scopeInventory of the whole read, from fewer calls`, async () => {
    const { whole, own, ownCalls, wholeCalls } = await bothReads(student);
    assert.deepEqual(own.problems, []);
    assert.equal(own.instances.length > 0, student !== 'user06', 'everyone but user06 has a server');
    assert.deepEqual(shown(own), shown(scopeInventory(whole, student)));
    // The whole read also asked STS; the lists are the same.
    assert.ok(own.apiCalls < whole.apiCalls - 1, `${own.apiCalls} calls for ${student}, ${whole.apiCalls} for all`);
    for (const list of ['ec2:DescribeInstances', 'elbv2:DescribeLoadBalancers', 'elbv2:DescribeTargetGroups'])
      assert.equal(ownCalls[list], wholeCalls[list], list);
  });
}

test('per-resource calls go to the student’s own resources and what they use', async () => {
  const per = async (student: string) => (await bothReads(student)).ownCalls;
  const user01 = await per('user01');
  assert.equal(user01['elbv2:DescribeListeners'], 1, 'elb-user01 only');
  // tg-elb-user01, and shared-tg (named for no one: it could hold their servers); not WebServers (tagged user02).
  assert.equal(user01['elbv2:DescribeTargetHealth'], 2);
  assert.equal(user01['rds:DescribeEvents'], 1, 'wp-user01');
  assert.equal(user01['elb:DescribeInstanceHealth'], undefined);
  assert.equal(user01['autoscaling:DescribeScalingActivities'], undefined);

  const user03 = await per('user03');
  assert.equal(user03['autoscaling:DescribeScalingActivities'], 1);
  assert.equal(user03['autoscaling:DescribePolicies'], 1);
  assert.equal(user03['ec2:DescribeLaunchTemplateVersions'], 1);
  assert.equal(user03['elbv2:DescribeListeners'], undefined, 'no load balancer of theirs');
  assert.equal(user03['rds:DescribeEvents'], undefined, 'no database');

  const user04 = await per('user04');
  assert.equal(user04['elb:DescribeInstanceHealth'], 1, 'clb-user04');

  // The teacher's shared-tg holds user05's server: it and demo-alb in front of it are in user05's view.
  const { own } = await bothReads('user05');
  assert.deepEqual(
    own.targetGroups.map((tg) => tg.name),
    ['shared-tg'],
  );
  assert.deepEqual(
    own.loadBalancers.map((lb) => lb.name),
    ['demo-alb'],
  );
  assert.deepEqual(
    own.instances.map((i) => i.name),
    ['webserver#1-user05'],
  );
  assert.equal(own.targetGroups[0]?.targets.length, 1);
});

test('tags are read only for what can be the student’s: none named for another student', async () => {
  const { own, ownCalls, wholeCalls } = await bothReads('user06');
  assert.deepEqual(own.instances, []);
  // elb-user01/02 and tg-elb-user01, tg-asg-user03 are named for others; demo-alb, shared-tg and WebServers are not.
  assert.equal(ownCalls['elbv2:DescribeTags'], 1);
  assert.equal(ownCalls['elbv2:DescribeTargetHealth'], 1, 'shared-tg: it could hold user06’s servers');
  assert.equal(ownCalls['elbv2:DescribeListeners'], undefined);
  assert.ok((wholeCalls['elbv2:DescribeListeners'] ?? 0) >= 3);
  assert.equal(own.others?.students.join(','), SMALL_CLASS.join(','));
});

test('a read of some sections is the student’s view of that read (a runner’s)', async () => {
  const sections = ['instances', 'loadBalancing'] as const;
  const whole = await fetchInventory(clients, { sections: [...sections] });
  const own = await fetchInventory(clients, { student: 'user01', sections: [...sections], context: whole.context });
  assert.deepEqual(shown(own), shown(scopeInventory(whole, 'user01')));
  assert.deepEqual(
    own.loadBalancers.map((lb) => lb.name),
    ['elb-user01'],
  );
});
