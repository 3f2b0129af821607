// The Auto Scaling controller over a fake clock at speed 60 (AWS's 300 s cooldown lasts 5 s): alarm invocations
// pushed onto the queue by hand (Contract 2) drive a simple policy once per cooldown, clamped to the max; the
// default termination policy keeps the AZs balanced; step scaling's steps; the queue keeps other services'
// invocations and drops stale ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PutScalingPolicyType } from '@aws-sdk/client-auto-scaling';
import { autoScalingGroupActions } from '../../../../src/practice/autoscaling/groups';
import { autoScalingPolicyActions } from '../../../../src/practice/autoscaling/policies';
import { internalContext } from '../../../../src/practice/autoscaling/common';
import { activeMembers, pickForTermination } from '../../../../src/practice/autoscaling/controller';
import { stepFor } from '../../../../src/practice/autoscaling/execution';
import { advanceWorld } from '../../../../src/practice/core/advance';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import type { ActionDefinition } from '../../../../src/practice/core/actions';
import type { AutoScalingGroupRecord, ScalingPolicyRecord } from '../../../../src/practice/core/records';
import type { Clock, World } from '../../../../src/practice/core/world';
import { amazonLinuxImage } from '../../../../src/practice/ec2/amazonImages';
import { ec2LaunchTemplateActions } from '../../../../src/practice/ec2/launchTemplates';
import { startBurner } from '../../../../src/practice/machine/cpu';
import { createStartingWorld } from '../../../../src/practice/seed/startingState';

interface Fixture {
  world: World;
  tick(ms: number): void;
  now(): Date;
  group(): AutoScalingGroupRecord;
  call(definition: ActionDefinition | undefined, input: object): object;
}

function fixture(): Fixture {
  let now = Date.parse('2026-12-02T06:00:00Z');
  const clock: Clock = { speed: 60, now: () => new Date(now), after: (ms) => new Date(now + ms / 60) };
  const world = createStartingWorld(clock);
  const call = (definition: ActionDefinition | undefined, input: object) => {
    assert.ok(definition);
    return definition.handle(input, internalContext(world, PRACTICE_REGION, new Date(now))) as object;
  };
  const region = world.region(PRACTICE_REGION);
  const subnets = ['a', 'c'].map((l) => region.subnets.find((s) => s.az === `${PRACTICE_REGION}${l}`)?.id ?? '');
  call(ec2LaunchTemplateActions.CreateLaunchTemplate, {
    LaunchTemplateName: 'WebServer-template',
    LaunchTemplateData: { ImageId: amazonLinuxImage(PRACTICE_REGION).id, InstanceType: 't2.micro' },
  });
  call(autoScalingGroupActions.CreateAutoScalingGroup, {
    AutoScalingGroupName: 'web',
    LaunchTemplate: { LaunchTemplateName: 'WebServer-template' },
    MinSize: 2,
    MaxSize: 4,
    DesiredCapacity: 2,
    VPCZoneIdentifier: subnets.join(','),
  });
  const f: Fixture = {
    world,
    now: () => new Date(now),
    tick(ms) {
      now += ms;
      advanceWorld(world, new Date(now));
    },
    group: () => {
      const g = world.region(PRACTICE_REGION).autoScalingGroups.find((x) => x.name === 'web');
      assert.ok(g);
      return g;
    },
    call,
  };
  f.tick(0);
  f.tick(1_000); // pending 30 s of AWS time: half a second here
  return f;
}

function putPolicy(f: Fixture, input: Omit<PutScalingPolicyType, 'AutoScalingGroupName'>): ScalingPolicyRecord {
  f.call(autoScalingPolicyActions.PutScalingPolicy, { AutoScalingGroupName: 'web', ...input });
  const policy = f.world.region(PRACTICE_REGION).scalingPolicies?.find((p) => p.name === input.PolicyName);
  assert.ok(policy);
  return policy;
}

function invoke(f: Fixture, policy: ScalingPolicyRecord, alarmName = 'web-CPU-High') {
  const region = f.world.writableRegion(PRACTICE_REGION);
  (region.alarmInvocations ??= []).push({
    alarmName,
    alarmArn: `arn:aws:cloudwatch:${PRACTICE_REGION}:123456789012:alarm:${alarmName}`,
    actionArn: policy.arn,
    state: 'ALARM',
    at: f.now().toISOString(),
  });
}

test('a simple policy invoked by an alarm scales out once per cooldown, up to the max, with AWS cause', () => {
  const f = fixture();
  assert.deepEqual(
    f.group().instances.map((m) => [m.az, m.lifecycleState]),
    [
      ['ap-northeast-1a', 'InService'],
      ['ap-northeast-1c', 'InService'],
    ],
  );
  const policy = putPolicy(f, {
    PolicyName: 'scale-out',
    PolicyType: 'SimpleScaling',
    AdjustmentType: 'ChangeInCapacity',
    ScalingAdjustment: 1,
    Cooldown: 300,
  });
  invoke(f, policy);
  f.tick(100);
  assert.equal(f.group().desired, 3);
  assert.equal(f.world.region(PRACTICE_REGION).alarmInvocations?.length, 0, 'drained');
  const launch = f.world.region(PRACTICE_REGION).scalingActivities?.at(-1);
  assert.match(
    launch?.cause ?? '',
    /^At 2026-12-02T06:00:01Z a monitor alarm web-CPU-High in state ALARM triggered policy scale-out changing the desired capacity from 2 to 3\. {2}At 2026-12-02T06:00:01Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 2 to 3\.$/,
  );
  // Invoked again each minute while in ALARM: within the 300 s cooldown (5 s here) nothing changes.
  for (let n = 0; n < 4; n++) {
    f.tick(1_000);
    invoke(f, policy);
    f.tick(0);
    assert.equal(f.group().desired, 3, `still 3 at ${f.now().toISOString()}`);
  }
  f.tick(1_000);
  invoke(f, policy);
  f.tick(0);
  assert.equal(f.group().desired, 4, 'after the cooldown, one more');
  f.tick(6_000);
  invoke(f, policy);
  f.tick(1_000);
  assert.equal(f.group().desired, 4, 'clamped to the max');
  assert.equal(activeMembers(f.group()).length, 4);
  assert.deepEqual(
    activeMembers(f.group())
      .map((m) => m.az)
      .sort(),
    ['ap-northeast-1a', 'ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1c'],
  );
});

test('scale in: the AZ with the most instances loses one, named in the cause', () => {
  const f = fixture();
  f.call(autoScalingGroupActions.SetDesiredCapacity, { AutoScalingGroupName: 'web', DesiredCapacity: 3 });
  f.tick(1_000);
  const threeIn = f.group().instances.map((m) => m.az);
  assert.deepEqual(threeIn.sort(), ['ap-northeast-1a', 'ap-northeast-1a', 'ap-northeast-1c']);
  const victim = pickForTermination(f.group(), f.world.region(PRACTICE_REGION));
  assert.equal(victim?.az, 'ap-northeast-1a');
  const policy = putPolicy(f, {
    PolicyName: 'scale-in',
    AdjustmentType: 'ChangeInCapacity',
    ScalingAdjustment: -1,
  });
  invoke(f, policy, 'web-CPU-Low');
  f.tick(100);
  assert.equal(f.group().desired, 3, 'within the cooldown that SetDesiredCapacity started');
  f.tick(5_000);
  invoke(f, policy, 'web-CPU-Low');
  f.tick(100);
  assert.equal(f.group().desired, 2);
  const termination = f.world.region(PRACTICE_REGION).scalingActivities?.at(-1);
  assert.equal(termination?.description, `Terminating EC2 instance: ${victim?.id}`);
  assert.match(
    termination?.cause ?? '',
    new RegExp(
      `^At \\S+ a monitor alarm web-CPU-Low in state ALARM triggered policy scale-in changing the desired capacity from 3 to 2\\. {2}At \\S+ an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from 3 to 2\\. {2}At \\S+ instance ${victim?.id} was selected for termination\\.$`,
    ),
  );
  f.tick(2_000);
  assert.deepEqual(
    f
      .group()
      .instances.map((m) => m.az)
      .sort(),
    ['ap-northeast-1a', 'ap-northeast-1c'],
  );
  assert.equal(termination?.statusCode, 'Successful');
});

test("step scaling: the step holding the breach; other services' invocations stay, stale ones go", () => {
  const f = fixture();
  const policy = putPolicy(f, {
    PolicyName: 'steps',
    PolicyType: 'StepScaling',
    AdjustmentType: 'ChangeInCapacity',
    StepAdjustments: [
      { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 1 },
      { MetricIntervalLowerBound: 20, ScalingAdjustment: 2 },
    ],
  });
  assert.equal(stepFor(policy, 5)?.adjustment, 1);
  assert.equal(stepFor(policy, 20)?.adjustment, 2);
  assert.equal(stepFor(policy, -1), undefined);
  const region = f.world.writableRegion(PRACTICE_REGION);
  const other = {
    alarmName: 'a',
    alarmArn: 'x',
    actionArn: 'arn:aws:sns:ap-northeast-1:123456789012:t',
    state: 'ALARM' as const,
  };
  region.alarmInvocations = [
    { ...other, at: f.now().toISOString() },
    { ...other, at: new Date(f.now().getTime() - 3_700_000).toISOString() },
  ];
  f.call(autoScalingPolicyActions.ExecutePolicy, {
    AutoScalingGroupName: 'web',
    PolicyName: 'steps',
    MetricValue: 95,
    BreachThreshold: 70,
  });
  assert.equal(f.group().desired, 4);
  f.tick(0);
  assert.equal(f.world.region(PRACTICE_REGION).alarmInvocations?.length, 1, 'the SNS one stays, the stale one goes');
});

test('failed launches back off (10 s of AWS time, doubling to 5 min); an updated group tries again at once', () => {
  const f = fixture();
  const region = f.world.writableRegion(PRACTICE_REGION);
  f.call(ec2LaunchTemplateActions.DeleteLaunchTemplate, { LaunchTemplateName: 'WebServer-template' });
  f.call(autoScalingGroupActions.SetDesiredCapacity, { AutoScalingGroupName: 'web', DesiredCapacity: 3 });
  for (let n = 0; n < 200; n++) f.tick(100); // 20 s here: 20 minutes of AWS time
  const failed = (region.scalingActivities ?? []).filter((a) => a.statusCode === 'Failed');
  // At 10, 20, 40, 80, 160 s, then every 300 s: 0, 10, 30, 70, 150, 310, 610, 910, 1210 s.
  assert.ok(failed.length >= 8 && failed.length <= 10, `${failed.length} failed launches`);
  assert.match(
    failed[0]?.statusMessage ?? '',
    /^The specified launch template, with template ID lt-[0-9a-f]{17}, does not exist\. Launching EC2 instance failed\.$/,
  );
  f.call(ec2LaunchTemplateActions.CreateLaunchTemplate, {
    LaunchTemplateName: 'Second-template',
    LaunchTemplateData: { ImageId: amazonLinuxImage(PRACTICE_REGION).id, InstanceType: 't2.micro' },
  });
  f.call(autoScalingGroupActions.UpdateAutoScalingGroup, {
    AutoScalingGroupName: 'web',
    LaunchTemplate: { LaunchTemplateName: 'Second-template' },
  });
  f.tick(10);
  assert.equal(activeMembers(f.group()).length, 3);
});

test('target tracking: out to ceil(capacity x CPU / target) from the CPU now, not again while the new one warms up', () => {
  const f = fixture();
  const region = f.world.writableRegion(PRACTICE_REGION);
  const policy = putPolicy(f, {
    PolicyName: 'cpu70',
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingConfiguration: {
      PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
      TargetValue: 70,
    },
  });
  const [high = '', low = ''] = policy.alarms?.map((a) => a.name) ?? [];
  f.tick(2_000);
  invoke(f, policy, high);
  f.tick(0);
  assert.equal(f.group().desired, 2, 'idle: the average is below the target');
  for (const m of f.group().instances)
    startBurner(region, { instanceId: m.id, command: 'yes', vcpus: 1, now: f.now() }, f.world.clock);
  f.tick(2_000); // two minutes of AWS time at 100 %
  invoke(f, policy, high);
  f.tick(0);
  assert.equal(f.group().desired, 3, 'ceil(2 x 100 / 70)');
  f.tick(1_000);
  invoke(f, policy, high);
  f.tick(0);
  assert.equal(f.group().desired, 3, 'the third is warming up: it counts already');
  invoke(f, policy, low);
  f.tick(0);
  assert.equal(f.group().desired, 3, 'scale-in waits for the warm-up after a scale-out');
  f.tick(6_000);
  invoke(f, policy, low);
  f.tick(0);
  assert.equal(f.group().desired, 2, 'in by one');
});
