// A student's read of the practice class of 40 (seed 003's names, every stage, half made by hand, half by the
// runners) with the real SDK: the same view as the whole account's read cut to them, and as many calls as the same
// student's read in an account of their own — the class's size adds none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { resolveAccount } from '../../../src/aws/account';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { fetchInventory } from '../../../src/aws/inventory';
import { scopeInventory } from '../../../src/aws/inventory/scope';
import type { Inventory } from '../../../src/aws/types';
import { classRoster, startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { recordActions } from '../../fixtures/callLog';

const CLASS = 40;
let classServer: PracticeServer;
let aloneServer: PracticeServer;
let clients: AwsClients;
let alone: AwsClients;

async function clientsOf(server: PracticeServer): Promise<AwsClients> {
  const account = await resolveAccount(
    { source: 'practice', endpointUrl: server.endpoint },
    async () => server.endpoint,
    {},
  );
  return createClients(account, { maxAttempts: 1 });
}

before(async () => {
  [classServer, aloneServer] = await Promise.all([
    startPracticeServer({ port: 0, speed: 'instant', class: CLASS, throttling: 'off' }),
    startPracticeServer({ port: 0, speed: 'instant', class: 1, throttling: 'off' }),
  ]);
  [clients, alone] = await Promise.all([clientsOf(classServer), clientsOf(aloneServer)]);
});
after(async () => {
  clients.destroy();
  alone.destroy();
  await Promise.all([classServer.close(), aloneServer.close()]);
});

const shown = (inv: Inventory) => ({ ...inv, fetchedAt: '', apiCalls: 0 });

test('every student of a class of 40 reads scopeInventory of the whole read, from as many calls as alone', async () => {
  const whole = await fetchInventory(clients);
  assert.deepEqual(whole.problems, []);
  const context = whole.context;
  const user01Alone = await fetchInventory(alone, { student: 'user01', context });
  assert.ok(
    user01Alone.loadBalancers.length === 1 && user01Alone.dbClusters.length === 1,
    'user01: the ALB and Aurora',
  );
  const roster = classRoster(CLASS);
  for (const { student, expected } of roster.students) {
    const own = await fetchInventory(clients, { student, context });
    assert.deepEqual(own.problems, [], student);
    assert.deepEqual(shown(own), shown(scopeInventory(whole, student)), student);
    assert.equal(own.instances.filter((i) => i.state === 'running').length, expected.runningInstances, student);
    // user01 has the most of its own (an ALB, a target group, Aurora): nobody calls more, and user01 the same.
    assert.ok(own.apiCalls <= user01Alone.apiCalls, `${student}: ${own.apiCalls} > ${user01Alone.apiCalls}`);
    if (student === 'user01') assert.equal(own.apiCalls, user01Alone.apiCalls);
  }
  assert.ok(whole.apiCalls > 2 * user01Alone.apiCalls, `the whole class: ${whole.apiCalls} calls`);
});

test('a student without a load balancer sends no DescribeListeners or DescribeTargetHealth in a class of 40', async () => {
  const log = recordActions(clients);
  const webServerOnly = classRoster(CLASS).students.find((s) => s.stage === 'webServerOnly');
  assert.ok(webServerOnly);
  await fetchInventory(clients, { student: webServerOnly.student });
  const calls = log.byAction();
  assert.equal(calls['elbv2:DescribeListeners'], undefined);
  assert.equal(calls['elbv2:DescribeTargetHealth'], undefined);
  assert.equal(calls['ec2:DescribeInstances'], 1);
});

test('a server launched into another student’s VPC: that VPC’s route tables are read after, the view is the same', async () => {
  // A class of 6: the account's 32 vCPUs leave room for one more server.
  const small = await startPracticeServer({ port: 0, speed: 'instant', class: 6, throttling: 'off' });
  const c = await clientsOf(small);
  try {
    const before = await fetchInventory(c);
    const vpc06 = before.vpcs.find((v) => v.name === 'vpc-user06');
    const subnet = before.subnets.find((s) => s.vpcId === vpc06?.id && s.isPublic);
    const web = before.instances.find((i) => i.name === 'webserver#1-user05');
    assert.ok(vpc06 && subnet && web, 'vpc-user06, its public subnet and user05’s server');
    await c.ec2.send(
      new RunInstancesCommand({
        ImageId: web.imageId,
        InstanceType: 't2.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnet.id,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'webserver#3-user05' }] }],
      }),
    );
    const whole = await fetchInventory(c);
    const log = recordActions(c);
    const own = await fetchInventory(c, { student: 'user05', context: whole.context });
    assert.deepEqual(shown(own), shown(scopeInventory(whole, 'user05')));
    assert.ok(own.vpcs.some((v) => v.id === vpc06.id));
    assert.equal(own.subnets.find((s) => s.id === subnet.id)?.isPublic, true, 'its route table was read');
    assert.equal(log.count('ec2:DescribeRouteTables'), 2, 'the VPCs that can be theirs, then vpc-user06');
  } finally {
    c.destroy();
    await small.close();
  }
});

test('a whole read’s early look: once, before the listeners, with the targets’ health; never for a student', async () => {
  const looks: { inventory: Inventory; listenersAsked: number }[] = [];
  const log = recordActions(clients);
  const whole = await fetchInventory(clients, {
    beforeListeners: (inventory) => looks.push({ inventory, listenersAsked: log.count('elbv2:DescribeListeners') }),
  });
  assert.equal(looks.length, 1);
  const [look] = looks;
  assert.ok(look);
  // Before the paced tail: not one DescribeListeners sent yet; everything else there, targets' health included.
  assert.equal(look.listenersAsked, 0);
  assert.ok(log.count('elbv2:DescribeListeners') > 0);
  assert.equal(look.inventory.loadBalancers.length, whole.loadBalancers.length);
  assert.ok(look.inventory.loadBalancers.every((lb) => lb.listeners.length === 0));
  assert.ok(whole.loadBalancers.some((lb) => lb.listeners.length > 0));
  assert.deepEqual(
    look.inventory.targetGroups.map((tg) => [tg.name, tg.targets.map((t) => `${t.id} ${t.state}`), tg.tags]),
    whole.targetGroups.map((tg) => [tg.name, tg.targets.map((t) => `${t.id} ${t.state}`), tg.tags]),
  );
  for (const key of ['instances', 'securityGroups', 'vpcs', 'dbClusters', 'autoScalingGroups'] as const)
    assert.deepEqual(look.inventory[key], whole[key], key);

  const student = await fetchInventory(clients, { student: 'user05', beforeListeners: () => assert.fail('called') });
  assert.equal(student.student, 'user05');
});

test('an early look is not given when a call before the listeners fails; the listeners are still read', async () => {
  classServer.injectFault({ action: 'elasticloadbalancing:DescribeTargetHealth', kind: 'accessDenied', count: 1 });
  let looked = false;
  const log = recordActions(clients);
  const whole = await fetchInventory(clients, { beforeListeners: () => (looked = true) });
  assert.equal(looked, false);
  assert.deepEqual(
    whole.problems.map((p) => `${p.section} ${p.action} ${p.error.kind}`),
    ['loadBalancing elasticloadbalancing:DescribeTargetHealth accessDenied'],
  );
  assert.ok(
    log.count('elbv2:DescribeListeners') > 0,
    'the section still reads the listeners (and names every failure)',
  );
});
