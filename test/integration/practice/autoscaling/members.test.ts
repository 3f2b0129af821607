// A group's members and settings through the real AutoScalingClient at 'instant' speed:
// TerminateInstanceInAutoScalingGroup (decrementing or replaced; refused below the min with AWS's message),
// DescribeAutoScalingInstances, UpdateAutoScalingGroup (the desired capacity follows a raised min; the cause),
// tags propagated to new instances, target groups attached and detached; an attached target group deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachLoadBalancerTargetGroupsCommand,
  CreateAutoScalingGroupCommand,
  CreateOrUpdateTagsCommand,
  DescribeAutoScalingInstancesCommand,
  DescribeTagsCommand,
  DetachLoadBalancerTargetGroupsCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateTargetGroupCommand, DeleteTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { eventually } from '../../../fixtures/practiceLab';
import { activities, asgPractice, describeGroup, fails, inService, targetStates } from './asgPractice';

const practice = asgPractice();
const GROUP = 'Test-ASG';

test('TerminateInstanceInAutoScalingGroup: with the decrement the group shrinks, without it the group replaces', async () => {
  const { aws, subnets } = practice;
  await aws.autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: GROUP,
      LaunchTemplate: { LaunchTemplateName: 'WebServer-template' },
      MinSize: 1,
      MaxSize: 3,
      DesiredCapacity: 2,
      VPCZoneIdentifier: subnets.join(','),
    }),
  );
  const [first, second] = await inService(aws, GROUP, 2);
  const details = await aws.autoscaling.send(
    new DescribeAutoScalingInstancesCommand({ InstanceIds: [first?.InstanceId ?? ''] }),
  );
  assert.deepEqual(
    details.AutoScalingInstances?.map((i) => [i.AutoScalingGroupName, i.LifecycleState, i.HealthStatus]),
    [[GROUP, 'InService', 'HEALTHY']],
  );
  const out = await aws.autoscaling.send(
    new TerminateInstanceInAutoScalingGroupCommand({
      InstanceId: first?.InstanceId,
      ShouldDecrementDesiredCapacity: true,
    }),
  );
  assert.equal(out.Activity?.Description, `Terminating EC2 instance: ${first?.InstanceId}`);
  assert.match(
    out.Activity?.Cause ?? '',
    /^At \S+ instance i-[0-9a-f]{17} was taken out of service in response to a user request, shrinking the capacity from 2 to 1\.$/,
  );
  const left = await inService(aws, GROUP, 1);
  assert.deepEqual(
    left.map((i) => i.InstanceId),
    [second?.InstanceId],
  );
  await fails(
    aws.autoscaling.send(
      new TerminateInstanceInAutoScalingGroupCommand({
        InstanceId: second?.InstanceId,
        ShouldDecrementDesiredCapacity: true,
      }),
    ),
    'ValidationError',
    "Currently, desiredCapacity is 1 and minSize is 1. Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.",
  );
  await aws.autoscaling.send(
    new TerminateInstanceInAutoScalingGroupCommand({
      InstanceId: second?.InstanceId,
      ShouldDecrementDesiredCapacity: false,
    }),
  );
  const replaced = await eventually(
    () => inService(aws, GROUP, 1),
    (m) => m[0]?.InstanceId !== second?.InstanceId,
  );
  assert.notEqual(replaced[0]?.InstanceId, second?.InstanceId);
  await fails(
    aws.autoscaling.send(
      new TerminateInstanceInAutoScalingGroupCommand({
        InstanceId: 'i-0123456789abcdef0',
        ShouldDecrementDesiredCapacity: false,
      }),
    ),
    'ValidationError',
    'Instance Id not found - No managed instance found for instance ID: i-0123456789abcdef0',
  );
});

test('UpdateAutoScalingGroup: a min above the desired capacity raises it, in the cause AWS writes', async () => {
  const { aws } = practice;
  await aws.autoscaling.send(
    new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: GROUP, MinSize: 2, HealthCheckGracePeriod: 120 }),
  );
  const group = await describeGroup(aws, GROUP);
  assert.deepEqual([group?.MinSize, group?.DesiredCapacity, group?.HealthCheckGracePeriod], [2, 2, 120]);
  await inService(aws, GROUP, 2);
  const [latest] = await activities(aws, GROUP);
  assert.match(
    latest?.Cause ?? '',
    /^At \S+ a user request update of AutoScalingGroup constraints to min: 2, max: 3, desired: 2 changing the desired capacity from 1 to 2\. {2}At \S+ an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 1 to 2\.$/,
  );
});

test('tags: CreateOrUpdateTags and DescribeTags; a propagated tag goes onto instances launched after it', async () => {
  const { aws, server } = practice;
  await aws.autoscaling.send(
    new CreateOrUpdateTagsCommand({
      Tags: [
        { ResourceId: GROUP, ResourceType: 'auto-scaling-group', Key: 'Team', Value: 'web', PropagateAtLaunch: true },
      ],
    }),
  );
  const tags = await aws.autoscaling.send(
    new DescribeTagsCommand({ Filters: [{ Name: 'auto-scaling-group', Values: [GROUP] }] }),
  );
  assert.deepEqual(
    tags.Tags?.map((t) => [t.Key, t.Value, t.PropagateAtLaunch]),
    [['Team', 'web', true]],
  );
  await aws.autoscaling.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: GROUP, DesiredCapacity: 3 }));
  const members = await inService(aws, GROUP, 3);
  const records = server.world.region('ap-northeast-1').instances;
  const teams = members.map((m) => records.find((i) => i.id === m.InstanceId)?.tags.Team);
  assert.equal(teams.filter((t) => t === 'web').length, 1, 'only the instance launched after the tag');
});

test('target groups attached later get the InService instances; detached, they are deregistered', async () => {
  const { aws, alb } = practice;
  const members = await inService(aws, GROUP, 3);
  await aws.autoscaling.send(
    new AttachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: GROUP, TargetGroupARNs: [alb.tgArn] }),
  );
  const registered = await targetStates(aws, alb.tgArn);
  for (const m of members) assert.ok(registered.has(m.InstanceId ?? ''), `${m.InstanceId} registered`);
  await aws.autoscaling.send(
    new DetachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: GROUP, TargetGroupARNs: [alb.tgArn] }),
  );
  const after = await targetStates(aws, alb.tgArn);
  for (const m of members)
    assert.ok([undefined, 'draining'].includes(after.get(m.InstanceId ?? '')), `${m.InstanceId} leaving`);
  assert.deepEqual((await describeGroup(aws, GROUP))?.TargetGroupARNs, []);
});

test('a target group attached to a group can be deleted, as on AWS; the group then fails its launches', async () => {
  const { aws, server } = practice;
  const vpcId = server.world.region('ap-northeast-1').vpcs.find((v) => v.isDefault)?.id;
  const made = await aws.elb.send(
    new CreateTargetGroupCommand({ Name: 'spare', Protocol: 'HTTP', Port: 80, VpcId: vpcId }),
  );
  const arn = made.TargetGroups?.[0]?.TargetGroupArn ?? '';
  await aws.autoscaling.send(
    new AttachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: GROUP, TargetGroupARNs: [arn] }),
  );
  await aws.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }));
  await aws.autoscaling.send(
    new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: GROUP, MaxSize: 4, DesiredCapacity: 4 }),
  );
  const log = await eventually(
    () => activities(aws, GROUP),
    (l) => l[0]?.StatusCode === 'Failed',
  );
  assert.equal(
    log[0]?.Description,
    `Launching a new EC2 instance.  Status Reason: Failed to update target group ${arn}: Target group '${arn}' not found Updating load balancer configuration failed.`,
  );
});
