// Auto Scaling groups through the real AutoScalingClient at 'instant' speed (steps 3.2 and 3.5): a group of 2
// over the subnets of 1a and 1d puts one instance in each AZ, both InService and healthy in the target group;
// an instance terminated by hand is replaced; SetDesiredCapacity adds a third; AWS's validation; ForceDelete;
// with ELB health checks, an instance the target group finds unhealthy after the grace period is replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAutoScalingGroupCommand,
  DeleteAutoScalingGroupCommand,
  SetDesiredCapacityCommand,
  UpdateAutoScalingGroupCommand,
  waitUntilGroupNotExists,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  DescribeInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { eventually, WAIT } from '../../../fixtures/practiceLab';
import { activities, asgPractice, describeGroup, fails, inService, targetStates } from './asgPractice';

const practice = asgPractice();
const GROUP = 'WebServer-ASG';

test('a group of 2 over two subnets: one instance in each AZ, InService, healthy in the target group, tagged', async () => {
  const { aws, alb, subnets } = practice;
  await aws.autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: GROUP,
      LaunchTemplate: { LaunchTemplateName: 'WebServer-template', Version: '$Default' },
      MinSize: 2,
      MaxSize: 4,
      DesiredCapacity: 2,
      VPCZoneIdentifier: subnets.join(','),
      TargetGroupARNs: [alb.tgArn],
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 300,
      Tags: [{ Key: 'Role', Value: 'web', PropagateAtLaunch: true }],
    }),
  );
  const members = await inService(aws, GROUP, 2);
  assert.deepEqual(members.map((i) => i.AvailabilityZone).sort(), ['ap-northeast-1a', 'ap-northeast-1d']);
  assert.ok(members.every((i) => i.HealthStatus === 'Healthy' && i.LaunchTemplate?.Version === '1'));
  const health = await eventually(
    () => targetStates(aws, alb.tgArn),
    (h) => members.every((m) => h.get(m.InstanceId ?? '') === 'healthy'),
  );
  assert.equal(health.size, 4, "the two WebServers and the group's two");
  const group = await describeGroup(aws, GROUP);
  assert.equal(group?.DefaultCooldown, 300);
  assert.equal(group?.HealthCheckGracePeriod, 300);
  const described = await aws.ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:aws:autoscaling:groupName', Values: [GROUP] }] }),
  );
  const tags = described.Reservations?.flatMap((r) => r.Instances ?? []).map((i) =>
    Object.fromEntries((i.Tags ?? []).map((t) => [t.Key, t.Value])),
  );
  assert.equal(tags?.length, 2);
  for (const t of tags ?? [])
    assert.deepEqual([t.Name, t.Role, t['aws:autoscaling:groupName']], ['WebServer-asg', 'web', GROUP]);
  const launches = await activities(aws, GROUP);
  assert.equal(launches.length, 2);
  for (const a of launches) {
    assert.match(a.Description ?? '', /^Launching a new EC2 instance: i-[0-9a-f]{17}$/);
    assert.match(
      a.Cause ?? '',
      /^At \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ a user request created an AutoScalingGroup changing the desired capacity from 0 to 2\. {2}At \S+ an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 0 to 2\.$/,
    );
    assert.equal(a.StatusCode, 'Successful');
  }
});

test("step 3.5: an instance terminated by hand is replaced in its AZ, the activity in AWS's words", async () => {
  const { aws } = practice;
  const before = await inService(aws, GROUP, 2);
  const victim = before.find((i) => i.AvailabilityZone === 'ap-northeast-1d');
  assert.ok(victim?.InstanceId);
  await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [victim.InstanceId] }));
  const after = await eventually(
    () => inService(aws, GROUP, 2),
    (m) => !m.some((i) => i.InstanceId === victim.InstanceId),
  );
  assert.deepEqual(after.map((i) => i.AvailabilityZone).sort(), ['ap-northeast-1a', 'ap-northeast-1d']);
  const log = await activities(aws, GROUP);
  const termination = log.find((a) => a.Description === `Terminating EC2 instance: ${victim.InstanceId}`);
  assert.match(
    termination?.Cause ?? '',
    /^At \S+ an instance was taken out of service in response to an EC2 health check indicating it has been terminated or stopped\.$/,
  );
  assert.equal(termination?.StatusCode, 'Successful');
  assert.match(log[0]?.Description ?? '', /^Launching a new EC2 instance: i-/, 'newest first');
});

test('SetDesiredCapacity 3: a third instance, the cause says a user set it', async () => {
  const { aws } = practice;
  await aws.autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: GROUP, DesiredCapacity: 3 }));
  const members = await inService(aws, GROUP, 3);
  assert.equal(new Set(members.map((i) => i.AvailabilityZone)).size, 2);
  const [latest] = await activities(aws, GROUP);
  assert.match(
    latest?.Cause ?? '',
    /^At \S+ a user request explicitly set group desired capacity changing the desired capacity from 2 to 3\. {2}At \S+ an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 2 to 3\.$/,
  );
  await fails(
    aws.autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: GROUP, DesiredCapacity: 5 })),
    'ValidationError',
    'New SetDesiredCapacity value 5 is above max value 4 for the AutoScalingGroup.',
  );
});

test("AWS's validation: min above max, desired outside, a name taken, an unknown template", async () => {
  const { aws, subnets } = practice;
  const base = {
    AutoScalingGroupName: 'other',
    LaunchTemplate: { LaunchTemplateName: 'WebServer-template' },
    VPCZoneIdentifier: subnets.join(','),
  };
  await fails(
    aws.autoscaling.send(new CreateAutoScalingGroupCommand({ ...base, MinSize: 3, MaxSize: 2 })),
    'ValidationError',
    'Max bound, 2, must be greater than or equal to min bound, 3',
  );
  await fails(
    aws.autoscaling.send(new CreateAutoScalingGroupCommand({ ...base, MinSize: 1, MaxSize: 2, DesiredCapacity: 4 })),
    'ValidationError',
    'Desired capacity:4 must be between the specified min size:1 and max size:2',
  );
  await fails(
    aws.autoscaling.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: GROUP, MinSize: 5 })),
    'ValidationError',
    'Max bound, 4, must be greater than or equal to min bound, 5',
  );
  await fails(
    aws.autoscaling.send(
      new CreateAutoScalingGroupCommand({ ...base, AutoScalingGroupName: GROUP, MinSize: 1, MaxSize: 2 }),
    ),
    'AlreadyExists',
    `AutoScalingGroup by this name already exists - A group with the name ${GROUP} already exists`,
  );
  await fails(
    aws.autoscaling.send(
      new CreateAutoScalingGroupCommand({
        ...base,
        LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0' },
        MinSize: 1,
        MaxSize: 2,
      }),
    ),
    'ValidationError',
    'You must use a valid fully-formed launch template. The specified launch template, with template ID lt-0123456789abcdef0, does not exist.',
  );
});

test('delete: refused with instances; ForceDelete terminates them, "Delete in progress" until they are gone', async () => {
  const { aws, server } = practice;
  await fails(
    aws.autoscaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: GROUP })),
    'ResourceInUse',
    'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.',
  );
  const members = (await describeGroup(aws, GROUP))?.Instances ?? [];
  await aws.autoscaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: GROUP, ForceDelete: true }));
  const deleting = await describeGroup(aws, GROUP);
  assert.equal(deleting?.Status, 'Delete in progress');
  await waitUntilGroupNotExists({ client: aws.autoscaling, ...WAIT }, { AutoScalingGroupNames: [GROUP] });
  const records = server.world.region('ap-northeast-1');
  for (const m of members)
    assert.equal(
      records.instances.find((i) => i.id === m.InstanceId)?.state,
      'terminated',
      `${m.InstanceId} terminated`,
    );
  assert.deepEqual(await activities(aws, GROUP), [], 'a deleted group has no activities to list');
});

test('ELB health checks: after the grace period an instance unhealthy in the target group is replaced', async () => {
  const { aws, alb, subnets, imageId, server } = practice;
  const vpcId = server.world.region('ap-northeast-1').subnets.find((s) => s.id === subnets[0])?.vpcId;
  const closed = await aws.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'closed-sg', Description: 'admits nothing', VpcId: vpcId }),
  );
  await aws.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'Closed-template',
      LaunchTemplateData: { ImageId: imageId, InstanceType: 't2.micro', SecurityGroupIds: [closed.GroupId ?? ''] },
    }),
  );
  await aws.autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: 'closed',
      LaunchTemplate: { LaunchTemplateName: 'Closed-template' },
      MinSize: 1,
      MaxSize: 1,
      VPCZoneIdentifier: subnets[0],
      TargetGroupARNs: [alb.tgArn],
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 60,
    }),
  );
  const [first] = await inService(aws, 'closed', 1);
  const replaced = await eventually(
    () => activities(aws, 'closed'),
    (log) => log.some((a) => a.Description === `Terminating EC2 instance: ${first?.InstanceId}`),
  );
  const termination = replaced.find((a) => a.Description === `Terminating EC2 instance: ${first?.InstanceId}`);
  assert.match(
    termination?.Cause ?? '',
    /^At \S+ an instance was taken out of service in response to an ELB system health check failure\.$/,
  );
  const [second] = await eventually(
    () => describeGroup(aws, 'closed'),
    (g) => (g?.Instances ?? []).some((i) => i.InstanceId !== first?.InstanceId && i.LifecycleState === 'InService'),
  ).then((g) => (g?.Instances ?? []).filter((i) => i.InstanceId !== first?.InstanceId));
  assert.ok(second?.InstanceId, 'a replacement');
  await aws.autoscaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'closed', ForceDelete: true }));
  await waitUntilGroupNotExists({ client: aws.autoscaling, ...WAIT }, { AutoScalingGroupNames: ['closed'] });
});
