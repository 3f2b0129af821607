// The benchmark's account (1,000 instances over 3 AZs, 20 load balancers, 40 target groups, 10 DB
// instances) is quick to build and quick to list in full through the SDK over loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeInstancesCommand, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import {
  addScaleFixture,
  createStartingWorld,
  startPracticeServer,
  type PracticeServer,
} from '../../../../src/practice/core/server';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';

let server: PracticeServer;
let aws: PracticeClients;
let buildMs = 0;

before(async () => {
  const started = performance.now();
  const world = createStartingWorld();
  addScaleFixture(world, { instances: 1000, azs: 3, loadBalancers: 20, targetGroups: 40, dbInstances: 10 });
  buildMs = performance.now() - started;
  server = await startPracticeServer({ port: 0, speed: 'instant', world });
  aws = practiceClients(server.endpoint);
});
after(async () => {
  aws.destroy();
  await server.close();
});

test('the fixture builds in well under a second', (t) => {
  t.diagnostic(`fixture built in ${buildMs.toFixed(0)} ms`);
  assert.ok(buildMs < 500, `built in ${buildMs.toFixed(0)} ms`);
});

test('1,001 instances answered in one DescribeInstances, in well under a second (best of three)', async (t) => {
  const times: number[] = [];
  let count = 0;
  for (let n = 0; n < 3; n++) {
    const started = performance.now();
    const out = await aws.ec2.send(new DescribeInstancesCommand({}));
    times.push(performance.now() - started);
    count = out.Reservations?.reduce((sum, r) => sum + (r.Instances?.length ?? 0), 0) ?? 0;
  }
  assert.equal(count, 1001, 'the fixture and WebServer');
  const best = Math.min(...times);
  t.diagnostic(
    `DescribeInstances of 1,001 instances through the SDK: ${times.map((x) => x.toFixed(0)).join(' / ')} ms`,
  );
  assert.ok(best < 1000, `DescribeInstances of 1,001 instances took ${times.map((t) => t.toFixed(0)).join(' / ')} ms`);
});

test('spread evenly over three AZs, distinct private IPs, and pages of 1,000 through the paginator', async () => {
  const instances = [];
  for await (const page of paginateDescribeInstances({ client: aws.ec2, pageSize: 1000 }, {})) {
    instances.push(...(page.Reservations ?? []).flatMap((r) => r.Instances ?? []));
  }
  const scaled = instances.filter((i) => i.Tags?.some((t) => t.Key === 'Name' && t.Value?.startsWith('scale-web-')));
  assert.equal(scaled.length, 1000);
  const perAz = new Map<string, number>();
  for (const i of scaled)
    perAz.set(i.Placement?.AvailabilityZone ?? '', (perAz.get(i.Placement?.AvailabilityZone ?? '') ?? 0) + 1);
  assert.deepEqual([...perAz.entries()].sort(), [
    ['ap-northeast-1a', 334],
    ['ap-northeast-1c', 333],
    ['ap-northeast-1d', 333],
  ]);
  assert.equal(new Set(instances.map((i) => i.PrivateIpAddress)).size, 1001);
  assert.equal(new Set(instances.map((i) => i.PublicIpAddress)).size, 1001);
  assert.ok(scaled.every((i) => i.BlockDeviceMappings?.[0]?.Ebs?.VolumeId?.startsWith('vol-')));
});

test('20 load balancers with listeners, 40 target groups with targets, 10 DB instances', async () => {
  const lbs = (await aws.elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
  assert.equal(lbs.length, 20);
  const tgs = (await aws.elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
  assert.equal(tgs.length, 40);
  assert.ok(
    tgs.every((g) => g.LoadBalancerArns?.length === 1),
    'every target group is behind a listener',
  );
  const listeners =
    (await aws.elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbs[0]?.LoadBalancerArn }))).Listeners ?? [];
  assert.deepEqual(
    listeners.map((l) => l.Port),
    [80, 8080],
  );
  assert.equal((await aws.rds.send(new DescribeDBInstancesCommand({}))).DBInstances?.length, 10);
});
