// ELBv2, RDS, Auto Scaling and STS reads through the real SDK clients, over a world with the scale
// fixture (load balancers, target groups with targets, DB instances, an Aurora cluster, ASGs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSubnetGroupsCommand,
} from '@aws-sdk/client-rds';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import {
  addScaleFixture,
  createStartingWorld,
  startPracticeServer,
  type PracticeServer,
} from '../../../src/practice/core/server';
import { practiceClients, type PracticeClients } from '../../fixtures/practiceClients';

let server: PracticeServer;
let aws: PracticeClients;

before(async () => {
  const world = createStartingWorld();
  addScaleFixture(world, {
    instances: 12,
    loadBalancers: 2,
    targetGroups: 3,
    dbInstances: 2,
    dbClusters: 1,
    autoScalingGroups: 1,
  });
  server = await startPracticeServer({ port: 0, speed: 'instant', world });
  aws = practiceClients(server.endpoint);
});
after(async () => {
  aws.destroy();
  await server.close();
});

test('STS GetCallerIdentity: the practice account and its student user', async () => {
  const me = await aws.sts.send(new GetCallerIdentityCommand({}));
  assert.equal(me.Account, '123456789012');
  assert.equal(me.Arn, 'arn:aws:iam::123456789012:user/student');
  assert.match(me.UserId ?? '', /^AIDA[A-Z0-9]+$/);
});

test('load balancers, their listeners and target groups, as ELBv2 describes them', async () => {
  const lbs = (await aws.elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
  assert.deepEqual(
    lbs.map((lb) => lb.LoadBalancerName),
    ['scale-alb-01', 'scale-alb-02'],
  );
  const lb = lbs[0];
  assert.match(
    lb?.LoadBalancerArn ?? '',
    /^arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer\/app\/scale-alb-01\/[0-9a-f]{16}$/,
  );
  assert.match(lb?.DNSName ?? '', /^scale-alb-01-\d+\.ap-northeast-1\.elb\.amazonaws\.com$/);
  assert.equal(lb?.State?.Code, 'active');
  assert.equal(lb?.Type, 'application');
  assert.equal(lb?.Scheme, 'internet-facing');
  assert.equal(lb?.CanonicalHostedZoneId, 'Z14GRHDCWA56QT');
  assert.deepEqual(
    lb?.AvailabilityZones?.map((z) => z.ZoneName),
    ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
  );
  assert.ok(lb?.CreatedTime instanceof Date);
  assert.equal(lb?.SecurityGroups?.length, 1);

  const byName = await aws.elb.send(new DescribeLoadBalancersCommand({ Names: ['scale-alb-02'] }));
  assert.deepEqual(
    byName.LoadBalancers?.map((l) => l.LoadBalancerName),
    ['scale-alb-02'],
  );

  const listeners =
    (await aws.elb.send(new DescribeListenersCommand({ LoadBalancerArn: lb?.LoadBalancerArn }))).Listeners ?? [];
  // Three target groups over two load balancers: the first gets ports 80 and 8080.
  assert.deepEqual(
    listeners.map((l) => [l.Port, l.Protocol, l.DefaultActions?.[0]?.Type]),
    [
      [80, 'HTTP', 'forward'],
      [8080, 'HTTP', 'forward'],
    ],
  );
  const groups =
    (await aws.elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lb?.LoadBalancerArn }))).TargetGroups ?? [];
  assert.deepEqual(
    groups.map((g) => g.TargetGroupName),
    ['scale-tg-01', 'scale-tg-03'],
  );
  assert.equal(listeners[0]?.DefaultActions?.[0]?.TargetGroupArn, groups[0]?.TargetGroupArn);
  assert.equal(
    listeners[0]?.DefaultActions?.[0]?.ForwardConfig?.TargetGroups?.[0]?.TargetGroupArn,
    groups[0]?.TargetGroupArn,
  );
  const tg = groups[0];
  assert.deepEqual(tg?.LoadBalancerArns, [lb?.LoadBalancerArn]);
  assert.equal(tg?.Protocol, 'HTTP');
  assert.equal(tg?.Port, 80);
  assert.equal(tg?.TargetType, 'instance');
  assert.equal(tg?.HealthCheckPath, '/');
  assert.equal(tg?.HealthCheckIntervalSeconds, 30);
  assert.equal(tg?.HealthyThresholdCount, 5);
  assert.equal(tg?.UnhealthyThresholdCount, 2);
  assert.equal(tg?.Matcher?.HttpCode, '200');

  const all = (await aws.elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
  assert.equal(all.length, 3);
});

test("target health: state, reason, description and the target's AZ", async () => {
  const [tg] = (await aws.elb.send(new DescribeTargetGroupsCommand({ Names: ['scale-tg-01'] }))).TargetGroups ?? [];
  const health =
    (await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg?.TargetGroupArn })))
      .TargetHealthDescriptions ?? [];
  assert.equal(health.length, 3);
  const instances = (
    await aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: health.map((h) => h.Target?.Id ?? '') }))
  ).Reservations?.flatMap((r) => r.Instances ?? []);
  const azOf = new Map(instances?.map((i) => [i.InstanceId, i.Placement?.AvailabilityZone]));
  for (const h of health) {
    assert.equal(h.TargetHealth?.State, 'healthy');
    assert.equal(h.Target?.Port, 80);
    assert.equal(h.HealthCheckPort, '80');
    assert.equal(h.Target?.AvailabilityZone, azOf.get(h.Target?.Id));
  }

  // Stop one target's instance (not an Auto Scaling group's: its group would replace it): ELB reports it unused
  // with AWS's reason, not healthy.
  const stopped = server.world
    .writableRegion(PRACTICE_REGION)
    .instances.find((i) => health.some((h) => h.Target?.Id === i.id) && !i.tags['aws:autoscaling:groupName']);
  assert.ok(stopped);
  stopped.state = 'stopped';
  try {
    const after = await aws.elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: tg?.TargetGroupArn, Targets: [{ Id: stopped.id }] }),
    );
    assert.deepEqual(
      after.TargetHealthDescriptions?.map((h) => [
        h.TargetHealth?.State,
        h.TargetHealth?.Reason,
        h.TargetHealth?.Description,
      ]),
      [['unused', 'Target.InvalidState', 'Target is in the stopped state']],
    );
  } finally {
    stopped.state = 'running';
  }
  const unregistered = await aws.elb.send(
    new DescribeTargetHealthCommand({
      TargetGroupArn: tg?.TargetGroupArn,
      Targets: [{ Id: 'i-0123456789abcdef0', Port: 80 }],
    }),
  );
  assert.equal(unregistered.TargetHealthDescriptions?.[0]?.TargetHealth?.Reason, 'Target.NotRegistered');
});

test('tags of load balancers and target groups (DescribeTags)', async () => {
  const lbs = (await aws.elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
  const tgs = (await aws.elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
  const arns = [...lbs.map((l) => l.LoadBalancerArn ?? ''), ...tgs.map((t) => t.TargetGroupArn ?? '')];
  const tags = (await aws.elb.send(new DescribeTagsCommand({ ResourceArns: arns }))).TagDescriptions ?? [];
  assert.deepEqual(
    tags.map((t) => [t.ResourceArn, t.Tags?.find((x) => x.Key === 'Name')?.Value]),
    [
      ...lbs.map((l) => [l.LoadBalancerArn, l.LoadBalancerName]),
      ...tgs.map((t) => [t.TargetGroupArn, t.TargetGroupName]),
    ],
  );
});

test('RDS: DB instances (single and Multi-AZ), the Aurora cluster with writer and reader, subnet groups', async () => {
  const dbs = (await aws.rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? [];
  assert.deepEqual(
    dbs.map((d) => d.DBInstanceIdentifier),
    ['scale-db-01', 'scale-db-02', 'scale-aurora-01-instance-1', 'scale-aurora-01-instance-1-reader'],
  );
  const [single, multi] = dbs;
  assert.equal(single?.Engine, 'mysql');
  assert.equal(single?.DBInstanceStatus, 'available');
  assert.equal(single?.DBInstanceClass, 'db.t3.micro');
  assert.equal(single?.MultiAZ, false);
  assert.equal(single?.AvailabilityZone, 'ap-northeast-1a');
  assert.equal(single?.SecondaryAvailabilityZone, undefined);
  assert.match(single?.Endpoint?.Address ?? '', /^scale-db-01\.[a-z0-9]{12}\.ap-northeast-1\.rds\.amazonaws\.com$/);
  assert.equal(single?.Endpoint?.Port, 3306);
  assert.equal(single?.DBInstanceArn, 'arn:aws:rds:ap-northeast-1:123456789012:db:scale-db-01');
  assert.equal(single?.DBSubnetGroup?.DBSubnetGroupName, 'scale-db-subnets');
  assert.equal(single?.DBSubnetGroup?.Subnets?.length, 3);
  assert.equal(single?.VpcSecurityGroups?.[0]?.Status, 'active');
  assert.equal(multi?.MultiAZ, true);
  assert.equal(multi?.AvailabilityZone, 'ap-northeast-1c');
  assert.equal(multi?.SecondaryAvailabilityZone, 'ap-northeast-1d');

  const one = await aws.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'scale-db-02' }));
  assert.deepEqual(
    one.DBInstances?.map((d) => d.DBInstanceIdentifier),
    ['scale-db-02'],
  );
  const members = await aws.rds.send(
    new DescribeDBInstancesCommand({ Filters: [{ Name: 'db-cluster-id', Values: ['scale-aurora-01'] }] }),
  );
  assert.equal(members.DBInstances?.length, 2);

  const clusters = (await aws.rds.send(new DescribeDBClustersCommand({}))).DBClusters ?? [];
  assert.equal(clusters.length, 1);
  const cluster = clusters[0];
  assert.equal(cluster?.Engine, 'aurora-mysql');
  assert.equal(cluster?.Status, 'available');
  assert.match(cluster?.Endpoint ?? '', /^scale-aurora-01\.cluster-[a-z0-9]{12}\.ap-northeast-1\.rds\.amazonaws\.com$/);
  assert.match(cluster?.ReaderEndpoint ?? '', /^scale-aurora-01\.cluster-ro-[a-z0-9]{12}\./);
  assert.deepEqual(
    cluster?.DBClusterMembers?.map((m) => [m.DBInstanceIdentifier, m.IsClusterWriter]),
    [
      ['scale-aurora-01-instance-1', true],
      ['scale-aurora-01-instance-1-reader', false],
    ],
  );
  assert.equal(cluster?.MultiAZ, true, 'writer and reader sit in different AZs');

  const subnetGroups = (await aws.rds.send(new DescribeDBSubnetGroupsCommand({}))).DBSubnetGroups ?? [];
  assert.deepEqual(
    subnetGroups.map((g) => [g.DBSubnetGroupName, g.SubnetGroupStatus, g.Subnets?.length]),
    [['scale-db-subnets', 'Complete', 3]],
  );
  assert.deepEqual(
    subnetGroups[0]?.Subnets?.map((s) => s.SubnetAvailabilityZone?.Name),
    ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
  );
});

test('Auto Scaling groups: sizes, subnets, target groups and in-service instances', async () => {
  const groups = (await aws.autoscaling.send(new DescribeAutoScalingGroupsCommand({}))).AutoScalingGroups ?? [];
  assert.equal(groups.length, 1);
  const g = groups[0];
  assert.equal(g?.AutoScalingGroupName, 'scale-asg-01');
  assert.match(
    g?.AutoScalingGroupARN ?? '',
    /^arn:aws:autoscaling:ap-northeast-1:123456789012:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName\/scale-asg-01$/,
  );
  assert.deepEqual([g?.MinSize, g?.DesiredCapacity, g?.MaxSize], [2, 2, 4]);
  assert.deepEqual(g?.AvailabilityZones, ['ap-northeast-1a', 'ap-northeast-1c']);
  assert.equal(g?.VPCZoneIdentifier?.split(',').length, 2);
  assert.equal(g?.TargetGroupARNs?.length, 1);
  assert.equal(g?.HealthCheckType, 'ELB');
  assert.deepEqual(
    g?.Instances?.map((i) => [i.LifecycleState, i.HealthStatus]),
    [
      ['InService', 'Healthy'],
      ['InService', 'Healthy'],
    ],
  );
  assert.deepEqual(
    g?.Tags?.map((t) => [t.Key, t.Value, t.PropagateAtLaunch]),
    [['Name', 'scale-asg-01', true]],
  );
  const none = await aws.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['nope'] }));
  assert.deepEqual(none.AutoScalingGroups, []);
});
