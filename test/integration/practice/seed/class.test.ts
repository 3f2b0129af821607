// A practice class of 40 (`startPracticeServer({ class: 40 })`, AWS's throttling on as with `practice serve --class`):
// the real SDK clients list what classRoster(40) says was seeded, each target group's health is the one its stage
// makes (evaluated from the groups and the path, not stored), and a student's view of the one inventory of the
// account holds that student's resources only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeInstancesCommand, DescribeVpcsCommand, type Instance } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBClustersCommand } from '@aws-sdk/client-rds';
import { resolveAccount } from '../../../../src/aws/account';
import { createClients } from '../../../../src/aws/clients';
import { fetchInventory } from '../../../../src/aws/inventory';
import { scopeInventory } from '../../../../src/aws/inventory/scope';
import { STUDENT_TAG, studentsNamed } from '../../../../src/aws/student';
import type { Inventory } from '../../../../src/aws/types';
import { classRoster, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';

const roster = classRoster(40);
let server: PracticeServer;
let aws: PracticeClients;
let startMs = 0;

before(async () => {
  const started = performance.now();
  server = await startPracticeServer({ port: 0, speed: 'instant', class: 40 });
  startMs = performance.now() - started;
  aws = practiceClients(server.endpoint);
});
after(async () => {
  aws.destroy();
  await server.close();
});

const nameOf = (i: Instance) => i.Tags?.find((t) => t.Key === 'Name')?.Value;

test('a class of 40 is seeded and served in well under two seconds, throttled as AWS throttles', (t) => {
  t.diagnostic(`startPracticeServer({ class: 40 }) took ${startMs.toFixed(0)} ms`);
  assert.ok(startMs < 2000, `took ${startMs.toFixed(0)} ms`);
  assert.equal(server.throttling, 'aws', 'a class is throttled as AWS throttles');
});

test('EC2 lists every student web server (running or stopped as their stage says), the VPCs and the teacher', async () => {
  const out = await aws.ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running', 'stopped'] }] }),
  );
  const instances = out.Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
  const byName = new Map(instances.map((i) => [nameOf(i), i]));
  for (const s of roster.students) {
    const server1 = byName.get(s.names.webServer);
    assert.ok(server1, `${s.names.webServer} is listed`);
    assert.equal(server1.State?.Name, s.stage === 'leftovers' ? 'stopped' : 'running', s.names.webServer);
    assert.equal(byName.has(s.names.clone), s.seeded.includes(s.names.clone), s.names.clone);
    const tagged = server1.Tags?.find((tag) => tag.Key === STUDENT_TAG)?.Value;
    assert.equal(tagged, s.madeBy === 'runner' ? s.student : undefined, `${s.student} made by ${s.madeBy}`);
    if (s.madeBy === 'console') assert.deepEqual(server1.Tags, [{ Key: 'Name', Value: s.names.webServer }]);
  }
  assert.equal(byName.get(roster.unowned[0])?.State?.Name, 'running', 'the teacher-bastion');
  const running = roster.students.reduce((n, s) => n + s.expected.runningInstances, 0) + 1;
  assert.equal(instances.filter((i) => i.State?.Name === 'running').length, running);

  const vpcs = (await aws.ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
  assert.equal(vpcs.length, 41, 'the default VPC and one per student');
  for (const s of roster.students)
    assert.ok(
      vpcs.some((v) => v.CidrBlock === '10.0.0.0/16' && v.Tags?.some((tag) => tag.Value === s.names.vpc)),
      s.names.vpc,
    );
});

test("ELBv2's target health is what each stage makes it: healthy, Target.Timeout, Target.ResponseCodeMismatch", async () => {
  const lbs = (await aws.elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
  const groups = (await aws.elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
  const withAlb = roster.students.filter((s) => s.expected.targets);
  assert.deepEqual(lbs.map((lb) => lb.LoadBalancerName).sort(), withAlb.map((s) => s.names.loadBalancer).sort());
  assert.ok(lbs.every((lb) => lb.State?.Code === 'active' && lb.AvailabilityZones?.length === 2));
  for (const s of withAlb) {
    const group = groups.find((g) => g.TargetGroupName === s.names.targetGroup);
    assert.ok(group, s.names.targetGroup);
    const health = await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }));
    const states = health.TargetHealthDescriptions?.map((d) =>
      d.TargetHealth?.State === 'healthy' ? 'healthy' : d.TargetHealth?.Reason,
    );
    assert.deepEqual(states, [s.expected.targets, s.expected.targets], `${s.student} (${s.stage})`);
  }
  const clusters = (await aws.rds.send(new DescribeDBClustersCommand({}))).DBClusters ?? [];
  assert.deepEqual(
    clusters.map((c) => [c.DBClusterIdentifier, c.Status, c.DBClusterMembers?.length]),
    roster.students.filter((s) => s.aurora).map((s) => [s.names.cluster, 'available', 2]),
  );
});

/** Every name a view holds (RDS: identifiers), with the list it is in. */
function namesIn(inv: Inventory): string[] {
  const named = (list: readonly { readonly name?: string | undefined }[]) =>
    list.flatMap((r) => (r.name ? [r.name] : []));
  return [
    ...named(inv.vpcs),
    ...named(inv.subnets),
    ...named(inv.routeTables),
    ...named(inv.internetGateways),
    ...named(inv.instances),
    ...named(inv.images),
    ...named(inv.securityGroups),
    ...named(inv.loadBalancers),
    ...named(inv.targetGroups),
    ...inv.elasticIps.flatMap((a) => (a.tags.Name ? [a.tags.Name] : [])),
    ...inv.dbInstances.map((d) => d.id),
    ...inv.dbClusters.map((c) => c.id),
    ...inv.dbSubnetGroups.map((g) => g.name),
  ];
}

// About whose resources a view holds, so read without throttling: a whole-account read of 40 students' load
// balancers (a DescribeListeners per load balancer, a DescribeTargetHealth per target group) is more than ELB's
// account-level bucket (40, 10/s) holds; keeping the class's polling within it is the inventory's work, not this test's.
test('one inventory of the account, scoped to user05 (made by hand) or user03 (by the runners): theirs only', async () => {
  const unthrottled = await startPracticeServer({ port: 0, speed: 'instant', class: 40, throttling: 'off' });
  const account = await resolveAccount({ source: 'practice', endpointUrl: unthrottled.endpoint }, async () => '', {});
  const clients = createClients(account);
  let whole: Inventory;
  try {
    whole = await fetchInventory(clients);
  } finally {
    clients.destroy();
    await unthrottled.close();
  }
  assert.deepEqual(whole.problems, []);
  for (const student of ['user05', 'user03', 'user01', 'user40']) {
    const entry = roster.students.find((s) => s.student === student);
    assert.ok(entry);
    const view = scopeInventory(whole, student);
    const names = namesIn(view);
    const others = names.filter((n) => studentsNamed(n, 'user').some((s) => s !== student));
    assert.deepEqual(others, [], `${student}'s view names no other student`);
    for (const name of entry.seeded.filter((n) => n !== entry.names.keyPair))
      assert.ok(names.includes(name), `${student}'s view holds ${name} (${entry.stage}, made by ${entry.madeBy})`);
    assert.ok(!names.includes(roster.unowned[0] ?? ''), "the teacher's bastion is no student's");
    assert.equal(view.others?.students.length, 39, 'every other student counted');
  }
});
