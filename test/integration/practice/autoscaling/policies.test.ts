// Step 3.3 through the real SDK clients at 'instant' speed: simple policies invoked by a CloudWatch alarm made with
// PutMetricAlarm (SetAlarmState ALARM: the group scales out, the activity names the alarm and the policy);
// DescribePolicies lists the alarms that invoke each; a target-tracking policy makes its two alarms as AWS does
// and DeletePolicy takes them away; end to end, CPU burners on the instances make the alarm invoke the policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAutoScalingGroupCommand,
  DeletePolicyCommand,
  DescribePoliciesCommand,
  PutScalingPolicyCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { startBurner } from '../../../../src/practice/machine/cpu';
import { eventually } from '../../../fixtures/practiceLab';
import { activities, asgPractice, describeGroup, fails, inService } from './asgPractice';

const practice = asgPractice();
const GROUP = 'WebServer-ASG';

test('step 3.3: an alarm in ALARM invokes the scale-out policy; the group grows by one, in AWS words', async () => {
  const { aws, alb, subnets } = practice;
  await aws.autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: GROUP,
      LaunchTemplate: { LaunchTemplateId: practice.templateId },
      MinSize: 2,
      MaxSize: 4,
      DesiredCapacity: 2,
      VPCZoneIdentifier: subnets.join(','),
      TargetGroupARNs: [alb.tgArn],
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 300,
    }),
  );
  await inService(aws, GROUP, 2);
  const policy = (name: string, adjustment: number) =>
    aws.autoscaling.send(
      new PutScalingPolicyCommand({
        AutoScalingGroupName: GROUP,
        PolicyName: name,
        PolicyType: 'SimpleScaling',
        AdjustmentType: 'ChangeInCapacity',
        ScalingAdjustment: adjustment,
        Cooldown: 300,
      }),
    );
  const out = await policy(`${GROUP}-scale-out`, 1);
  await policy(`${GROUP}-scale-in`, -1);
  assert.match(
    out.PolicyARN ?? '',
    /^arn:aws:autoscaling:ap-northeast-1:123456789012:scalingPolicy:[0-9a-f-]{36}:autoScalingGroupName\/WebServer-ASG:policyName\/WebServer-ASG-scale-out$/,
  );
  await aws.cloudWatch.send(
    new PutMetricAlarmCommand({
      AlarmName: `${GROUP}-CPU-High`,
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'AutoScalingGroupName', Value: GROUP }],
      Statistic: 'Average',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 70,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [out.PolicyARN ?? ''],
    }),
  );
  const policies = (await aws.autoscaling.send(new DescribePoliciesCommand({ AutoScalingGroupName: GROUP })))
    .ScalingPolicies;
  assert.deepEqual(
    policies?.map((p) => [p.PolicyName, p.ScalingAdjustment, p.Cooldown, p.Alarms?.map((a) => a.AlarmName)]),
    [
      [`${GROUP}-scale-out`, 1, 300, [`${GROUP}-CPU-High`]],
      [`${GROUP}-scale-in`, -1, 300, []],
    ],
  );
  await aws.cloudWatch.send(
    new SetAlarmStateCommand({ AlarmName: `${GROUP}-CPU-High`, StateValue: 'ALARM', StateReason: 'test' }),
  );
  await eventually(
    () => describeGroup(aws, GROUP),
    (g) => g?.DesiredCapacity === 3,
  );
  await inService(aws, GROUP, 3);
  const [latest] = await activities(aws, GROUP);
  assert.match(
    latest?.Cause ?? '',
    /^At \S+ a monitor alarm WebServer-ASG-CPU-High in state ALARM triggered policy WebServer-ASG-scale-out changing the desired capacity from 2 to 3\. {2}At \S+ an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 2 to 3\.$/,
  );
});

test('target tracking: its two alarms as AWS makes them, returned and listed; DeletePolicy deletes them', async () => {
  const { aws } = practice;
  const out = await aws.autoscaling.send(
    new PutScalingPolicyCommand({
      AutoScalingGroupName: GROUP,
      PolicyName: `${GROUP}-cpu70`,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
        TargetValue: 70,
      },
    }),
  );
  const names = out.Alarms?.map((a) => a.AlarmName ?? '') ?? [];
  assert.equal(names.length, 2);
  assert.match(names[0] ?? '', /^TargetTracking-WebServer-ASG-AlarmHigh-[0-9a-f-]{36}$/);
  assert.match(names[1] ?? '', /^TargetTracking-WebServer-ASG-AlarmLow-[0-9a-f-]{36}$/);
  const alarms = (await aws.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: names }))).MetricAlarms ?? [];
  assert.deepEqual(
    alarms
      .map((a) => [
        a.AlarmName,
        a.ComparisonOperator,
        a.Threshold,
        a.Period,
        a.EvaluationPeriods,
        a.DatapointsToAlarm,
        a.Dimensions?.[0]?.Value,
        a.AlarmActions,
      ])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    [
      [names[0], 'GreaterThanThreshold', 70, 60, 3, 3, GROUP, [out.PolicyARN]],
      [names[1], 'LessThanThreshold', 63, 60, 15, 15, GROUP, [out.PolicyARN]],
    ],
  );
  const [described] =
    (await aws.autoscaling.send(new DescribePoliciesCommand({ PolicyNames: [`${GROUP}-cpu70`] }))).ScalingPolicies ??
    [];
  assert.equal(described?.TargetTrackingConfiguration?.TargetValue, 70);
  assert.deepEqual(
    described?.Alarms?.map((a) => a.AlarmName),
    names,
  );
  await aws.autoscaling.send(new DeletePolicyCommand({ AutoScalingGroupName: GROUP, PolicyName: `${GROUP}-cpu70` }));
  const left = (await aws.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: names }))).MetricAlarms ?? [];
  assert.deepEqual(left, []);
  await fails(
    aws.autoscaling.send(new PutScalingPolicyCommand({ AutoScalingGroupName: 'nope', PolicyName: 'p' })),
    'ValidationError',
    'AutoScalingGroup name not found - AutoScalingGroup nope not found',
  );
});

test('end to end: CPU burners on the instances put the group average over 70 %, CloudWatch alarms, the group grows', async () => {
  const { aws, server } = practice;
  const members = await inService(aws, GROUP, 3);
  // Idle, the alarm set by hand above is back to OK (the group average is a few per cent) and the group stays at 3.
  await eventually(
    () => aws.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [`${GROUP}-CPU-High`] })),
    (out) => out.MetricAlarms?.[0]?.StateValue === 'OK',
  );
  assert.equal((await describeGroup(aws, GROUP))?.DesiredCapacity, 3);
  const region = server.world.writableRegion('ap-northeast-1');
  for (const m of members)
    startBurner(
      region,
      { instanceId: m.InstanceId ?? '', command: 'yes', vcpus: 1, now: server.world.clock.now() },
      server.world.clock,
    );
  const grown = await eventually(
    () => describeGroup(aws, GROUP),
    (g) => g?.DesiredCapacity === 4,
  );
  assert.equal(grown?.MaxSize, 4);
  const [alarm] =
    (await aws.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [`${GROUP}-CPU-High`] }))).MetricAlarms ?? [];
  assert.equal(alarm?.StateValue, 'ALARM');
  const [latest] = await activities(aws, GROUP);
  assert.match(
    latest?.Cause ?? '',
    /^At \S+ a monitor alarm WebServer-ASG-CPU-High in state ALARM triggered policy WebServer-ASG-scale-out changing the desired capacity from 3 to 4\./,
  );
});
