// Listings of more than one page through the SDK's own paginators: every item exactly once, in more
// than one page; and AWS's answers to page sizes out of range and foreign tokens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { paginateDescribeAutoScalingGroups } from '@aws-sdk/client-auto-scaling';
import {
  DescribeInstancesCommand,
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBInstancesCommand, paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import { PRACTICE_ACCOUNT_ID, PRACTICE_REGION } from '../../../../src/practice/core/constants';
import {
  addScaleFixture,
  createStartingWorld,
  startPracticeServer,
  type PracticeServer,
} from '../../../../src/practice/core/server';
import type { World } from '../../../../src/practice/core/world';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';

let server: PracticeServer;
let aws: PracticeClients;

/** Snapshots, AMIs and security groups of the student's own, enough for several pages. */
function addOwnedStorage(world: World, count: number): void {
  const records = world.writableRegion(PRACTICE_REGION);
  const vpcId = records.vpcs[0]?.id ?? '';
  const volumeId = records.volumes[0]?.id ?? '';
  for (let n = 0; n < count; n++) {
    const snapshotId = world.newId('snap');
    const time = new Date(Date.now() - n * 60_000).toISOString();
    records.snapshots.push({
      id: snapshotId,
      volumeId,
      sizeGiB: 8,
      state: 'completed',
      progress: 100,
      description: `backup ${n}`,
      startTime: time,
      encrypted: false,
      tags: {},
    });
    records.images.push({
      id: world.newId('ami'),
      name: `AMI of CPS Research Center ${n}`,
      state: 'available',
      ownerId: PRACTICE_ACCOUNT_ID,
      public: false,
      creationDate: time,
      architecture: 'x86_64',
      platformDetails: 'Linux/UNIX',
      rootDeviceName: '/dev/xvda',
      blockDevices: [{ device: '/dev/xvda', snapshotId, sizeGiB: 8, volumeType: 'gp2', deleteOnTermination: true }],
      tags: {},
    });
    records.securityGroups.push({
      id: world.newId('sg'),
      name: `lab-sg-${n}`,
      description: 'lab',
      vpcId,
      inbound: [],
      outbound: [],
      tags: {},
    });
  }
}

before(async () => {
  const world = createStartingWorld();
  addScaleFixture(world, { instances: 23, loadBalancers: 5, targetGroups: 7, dbInstances: 45, autoScalingGroups: 5 });
  addOwnedStorage(world, 12);
  server = await startPracticeServer({ port: 0, speed: 'instant', world });
  aws = practiceClients(server.endpoint);
});
after(async () => {
  aws.destroy();
  await server.close();
});

/** Every page's item IDs, from an SDK paginator. */
async function pagesOf<P>(pages: AsyncIterable<P>, ids: (page: P) => (string | undefined)[]): Promise<string[][]> {
  const out: string[][] = [];
  for await (const page of pages) out.push(ids(page).map((id) => id ?? '(missing)'));
  return out;
}

function assertAllOnce(pages: string[][], expected: number, pageSize: number): void {
  const all = pages.flat();
  assert.equal(all.length, expected, 'every item');
  assert.equal(new Set(all).size, expected, 'each exactly once');
  assert.ok(pages.length > 1, 'more than one page');
  assert.equal(pages.length, Math.ceil(expected / pageSize));
  for (const page of pages) assert.ok(page.length <= pageSize);
}

test('DescribeInstances: 24 instances in pages of 5 through paginateDescribeInstances', async () => {
  const pages = await pagesOf(paginateDescribeInstances({ client: aws.ec2, pageSize: 5 }, {}), (p) =>
    (p.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId)),
  );
  assertAllOnce(pages, 24, 5);
  const unpaged = await aws.ec2.send(new DescribeInstancesCommand({}));
  assert.equal(unpaged.NextToken, undefined, 'without MaxResults, everything in one answer');
  assert.deepEqual(
    pages.flat(),
    unpaged.Reservations?.flatMap((r) => r.Instances?.map((i) => i.InstanceId)),
  );
});

test('EC2 volumes, own snapshots, own AMIs and security groups page the same way', async () => {
  assertAllOnce(
    await pagesOf(paginateDescribeVolumes({ client: aws.ec2, pageSize: 5 }, {}), (p) =>
      (p.Volumes ?? []).map((v) => v.VolumeId),
    ),
    24,
    5,
  );
  assertAllOnce(
    await pagesOf(paginateDescribeSnapshots({ client: aws.ec2, pageSize: 5 }, { OwnerIds: ['self'] }), (p) =>
      (p.Snapshots ?? []).map((s) => s.SnapshotId),
    ),
    12,
    5,
  );
  assertAllOnce(
    await pagesOf(paginateDescribeImages({ client: aws.ec2, pageSize: 5 }, { Owners: ['self'] }), (p) =>
      (p.Images ?? []).map((i) => i.ImageId),
    ),
    12,
    5,
  );
  assertAllOnce(
    await pagesOf(paginateDescribeSecurityGroups({ client: aws.ec2, pageSize: 5 }, {}), (p) =>
      (p.SecurityGroups ?? []).map((g) => g.GroupId),
    ),
    14,
    5,
  );
});

test('ELBv2 Marker/PageSize: load balancers and target groups', async () => {
  // ELBv2's paginators ignore the `pageSize` option: the page size goes in the input.
  assertAllOnce(
    await pagesOf(paginateDescribeLoadBalancers({ client: aws.elb }, { PageSize: 2 }), (p) =>
      (p.LoadBalancers ?? []).map((l) => l.LoadBalancerArn),
    ),
    5,
    2,
  );
  assertAllOnce(
    await pagesOf(paginateDescribeTargetGroups({ client: aws.elb }, { PageSize: 3 }), (p) =>
      (p.TargetGroups ?? []).map((g) => g.TargetGroupArn),
    ),
    7,
    3,
  );
});

test('RDS Marker/MaxRecords: 45 DB instances in pages of 20; Auto Scaling NextToken: 5 groups in pages of 2', async () => {
  assertAllOnce(
    await pagesOf(paginateDescribeDBInstances({ client: aws.rds, pageSize: 20 }, {}), (p) =>
      (p.DBInstances ?? []).map((d) => d.DBInstanceIdentifier),
    ),
    45,
    20,
  );
  const unpaged = await aws.rds.send(new DescribeDBInstancesCommand({}));
  assert.equal(unpaged.DBInstances?.length, 45, 'RDS answers up to 100 by default');
  assertAllOnce(
    await pagesOf(paginateDescribeAutoScalingGroups({ client: aws.autoscaling, pageSize: 2 }, {}), (p) =>
      (p.AutoScalingGroups ?? []).map((g) => g.AutoScalingGroupName),
    ),
    5,
    2,
  );
});

test('page sizes out of range, sizes with ID lists and foreign tokens are refused as AWS refuses them', async () => {
  const small = await rejection(aws.ec2.send(new DescribeInstancesCommand({ MaxResults: 4 })));
  assert.equal(small.name, 'InvalidParameterValue');
  assert.equal(small.$metadata?.httpStatusCode, 400);
  const combined = await rejection(
    aws.ec2.send(new DescribeInstancesCommand({ MaxResults: 5, InstanceIds: ['i-0123456789abcdef0'] })),
  );
  assert.equal(combined.name, 'InvalidParameterCombination');
  const token = await rejection(
    aws.ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: 'not-a-token' })),
  );
  assert.equal(token.name, 'InvalidPaginationToken');
  const rds = await rejection(aws.rds.send(new DescribeDBInstancesCommand({ MaxRecords: 10 })));
  assert.equal(rds.name, 'InvalidParameterValue');
  const elb = await rejection(aws.elb.send(new DescribeLoadBalancersCommand({ PageSize: 401 })));
  assert.equal(elb.name, 'ValidationError');
  // A token of one listing is no good for another.
  const first = await aws.ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
  assert.ok(first.NextToken);
  const foreign = await rejection(aws.rds.send(new DescribeDBInstancesCommand({ Marker: first.NextToken })));
  assert.equal(foreign.name, 'InvalidParameterValue');
});
