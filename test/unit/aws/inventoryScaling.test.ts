// The Auto Scaling section's mapping from SDK-shaped answers: launch templates with their default version's data,
// the groups' new fields, scaling policies (simple, step, target tracking), CloudWatch alarms and activities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as EC2 from '@aws-sdk/client-ec2';
import type * as AS from '@aws-sdk/client-auto-scaling';
import type * as CW from '@aws-sdk/client-cloudwatch';
import { assembleInventory, type RawInventory } from '../../../src/aws/inventory';
import { overlayInventory } from '../../../src/aws/inventory/merge';
import type { AccountContext } from '../../../src/aws/types';

const context: AccountContext = {
  kind: 'practice',
  region: 'ap-northeast-1',
  endpoint: 'http://127.0.0.1:1',
  accountId: '123456789012',
  callerArn: 'arn:aws:iam::123456789012:user/student',
};
const GROUP = 'WebServer-ASG';
const OUT = `arn:aws:autoscaling:ap-northeast-1:123456789012:scalingPolicy:1:autoScalingGroupName/${GROUP}:policyName/out`;

const raw: RawInventory = {
  securityGroups: [{ GroupId: 'sg-web', GroupName: 'launch-wizard-1', VpcId: 'vpc-1' } satisfies EC2.SecurityGroup],
  launchTemplates: {
    templates: [
      {
        LaunchTemplateId: 'lt-0a',
        LaunchTemplateName: 'WebServer-template',
        DefaultVersionNumber: 1,
        LatestVersionNumber: 2,
        Tags: [{ Key: 'scale-out-lab:lab', Value: 'scale-out' }],
      },
      // Made in the console's default-VPC style: the group by name, the network interface's groups elsewhere.
      { LaunchTemplateId: 'lt-0b', LaunchTemplateName: 'by-name', DefaultVersionNumber: 3, LatestVersionNumber: 3 },
      { LaunchTemplateId: 'lt-0c', LaunchTemplateName: 'nic', DefaultVersionNumber: 1, LatestVersionNumber: 1 },
    ] satisfies EC2.LaunchTemplate[],
    defaultVersions: [
      {
        LaunchTemplateId: 'lt-0a',
        VersionNumber: 1,
        DefaultVersion: true,
        LaunchTemplateData: {
          ImageId: 'ami-0lab',
          InstanceType: 't2.micro',
          KeyName: 'ec2-key',
          SecurityGroupIds: ['sg-web'],
          UserData: 'IyEvYmluL2Jhc2g=',
        },
      },
      { LaunchTemplateId: 'lt-0b', VersionNumber: 3, LaunchTemplateData: { SecurityGroups: ['launch-wizard-1'] } },
      {
        LaunchTemplateId: 'lt-0c',
        VersionNumber: 1,
        LaunchTemplateData: { NetworkInterfaces: [{ DeviceIndex: 0, Groups: ['sg-nic'] }] },
      },
    ] satisfies EC2.LaunchTemplateVersion[],
  },
  autoScaling: [
    {
      AutoScalingGroupName: GROUP,
      AutoScalingGroupARN: 'arn:asg',
      MinSize: 2,
      MaxSize: 4,
      DesiredCapacity: 2,
      DefaultCooldown: 300,
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 300,
      Status: 'Delete in progress',
      AvailabilityZones: ['ap-northeast-1a'],
      CreatedTime: new Date(),
      Instances: [
        {
          InstanceId: 'i-0a',
          AvailabilityZone: 'ap-northeast-1a',
          LifecycleState: 'InService',
          HealthStatus: 'Healthy',
          ProtectedFromScaleIn: false,
          LaunchTemplate: { LaunchTemplateId: 'lt-0a', Version: '1' },
        },
      ],
    } satisfies AS.AutoScalingGroup,
  ],
  scaling: {
    policies: [
      {
        PolicyName: 'out',
        PolicyARN: OUT,
        AutoScalingGroupName: GROUP,
        PolicyType: 'SimpleScaling',
        AdjustmentType: 'ChangeInCapacity',
        ScalingAdjustment: 1,
        Cooldown: 300,
        Alarms: [{ AlarmName: `${GROUP}-CPU-High`, AlarmARN: 'arn:alarm:high' }],
      },
      {
        PolicyName: 'steps',
        AutoScalingGroupName: GROUP,
        PolicyType: 'StepScaling',
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 1 },
          { MetricIntervalLowerBound: 20, ScalingAdjustment: 2 },
        ],
        Enabled: false,
      },
      {
        PolicyName: 'cpu70',
        AutoScalingGroupName: GROUP,
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingConfiguration: {
          TargetValue: 70,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
        },
      },
      // Made before step scaling existed: AWS leaves PolicyType out.
      { PolicyName: 'old', AutoScalingGroupName: GROUP, ScalingAdjustment: -1 },
    ] satisfies AS.ScalingPolicy[],
    activities: [
      {
        ActivityId: 'a-old',
        AutoScalingGroupName: GROUP,
        Description: 'Launching a new EC2 instance: i-0a',
        Cause: 'At 2026-12-02T05:00:00Z a user request created an AutoScalingGroup …',
        StartTime: new Date('2026-12-02T05:00:00Z'),
        EndTime: new Date('2026-12-02T05:01:00Z'),
        StatusCode: 'Successful',
        Progress: 100,
      },
      {
        ActivityId: 'a-new',
        AutoScalingGroupName: GROUP,
        Description: 'Launching a new EC2 instance: i-0b',
        Cause: `At 2026-12-02T06:00:00Z a monitor alarm ${GROUP}-CPU-High in state ALARM triggered policy out changing the desired capacity from 2 to 3.`,
        StartTime: new Date('2026-12-02T06:00:00Z'),
        StatusCode: 'InProgress',
        Progress: 30,
      },
    ] satisfies AS.Activity[],
  },
  alarms: [
    {
      AlarmName: `${GROUP}-CPU-High`,
      AlarmArn: 'arn:alarm:high',
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'AutoScalingGroupName', Value: GROUP }],
      Statistic: 'Average',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 70,
      ComparisonOperator: 'GreaterThanThreshold',
      StateValue: 'ALARM',
      StateReason: 'Threshold Crossed: 1 datapoint [85.0 (02/12/26 06:00:00)] was greater than the threshold (70.0).',
      StateUpdatedTimestamp: new Date('2026-12-02T06:00:00Z'),
      AlarmActions: [OUT],
      ActionsEnabled: true,
    },
    { AlarmName: 'p99', Namespace: 'AWS/ApplicationELB', MetricName: 'TargetResponseTime', ExtendedStatistic: 'p99' },
  ] satisfies CW.MetricAlarm[],
};

const inv = assembleInventory({ context, raw, fetchedAt: new Date('2026-12-02T06:01:00Z') });

test('launch templates carry their default version’s data; groups named or on a network interface become ids', () => {
  assert.deepEqual(inv.launchTemplates[0], {
    id: 'lt-0a',
    name: 'WebServer-template',
    defaultVersion: 1,
    latestVersion: 2,
    imageId: 'ami-0lab',
    instanceType: 't2.micro',
    keyName: 'ec2-key',
    securityGroupIds: ['sg-web'],
    hasUserData: true,
    tags: { 'scale-out-lab:lab': 'scale-out' },
  });
  assert.deepEqual(inv.launchTemplates[1]?.securityGroupIds, ['sg-web']);
  assert.deepEqual(inv.launchTemplates[2]?.securityGroupIds, ['sg-nic']);
  assert.equal(inv.launchTemplates[2]?.hasUserData, false);
});

test('a group’s health check, grace period, cooldown and each instance’s template version', () => {
  const g = inv.autoScalingGroups[0]!;
  assert.deepEqual(
    [g.healthCheckType, g.healthCheckGracePeriod, g.defaultCooldown, g.status],
    ['ELB', 300, 300, 'Delete in progress'],
  );
  assert.equal(g.instances[0]?.launchTemplateVersion, '1');
});

test('policies: simple, step (bounds and adjustments), target tracking, and the old kind without a type', () => {
  const [out, steps, tracking, old] = inv.scalingPolicies;
  assert.deepEqual(out, {
    name: 'out',
    arn: OUT,
    groupName: GROUP,
    type: 'SimpleScaling',
    adjustmentType: 'ChangeInCapacity',
    scalingAdjustment: 1,
    stepAdjustments: [],
    cooldown: 300,
    alarmNames: [`${GROUP}-CPU-High`],
    enabled: true,
  });
  assert.deepEqual(steps?.stepAdjustments, [
    { lower: 0, upper: 20, adjustment: 1 },
    { lower: 20, adjustment: 2 },
  ]);
  assert.equal(steps?.enabled, false);
  assert.deepEqual([tracking?.targetValue, tracking?.predefinedMetric], [70, 'ASGAverageCPUUtilization']);
  assert.equal(old?.type, 'SimpleScaling');
});

test('alarms: metric, dimensions, state in AWS’s words, actions; an extended statistic kept', () => {
  const high = inv.metricAlarms[0]!;
  assert.deepEqual(high.dimensions, [{ name: 'AutoScalingGroupName', value: GROUP }]);
  assert.deepEqual(
    [high.state, high.threshold, high.comparison, high.period],
    ['ALARM', 70, 'GreaterThanThreshold', 300],
  );
  assert.match(high.stateReason, /85\.0/);
  assert.equal(high.stateUpdated, '2026-12-02T06:00:00.000Z');
  assert.deepEqual(high.alarmActions, [OUT]);
  const p99 = inv.metricAlarms[1]!;
  assert.deepEqual([p99.statistic, p99.state, p99.actionsEnabled], ['p99', 'INSUFFICIENT_DATA', true]);
});

test('activities newest first, AWS’s words as they are', () => {
  assert.deepEqual(
    inv.scalingActivities.map((a) => [a.id, a.statusCode, a.endTime]),
    [
      ['a-new', 'InProgress', undefined],
      ['a-old', 'Successful', '2026-12-02T05:01:00.000Z'],
    ],
  );
  assert.match(inv.scalingActivities[0]!.cause, /from 2 to 3/);
});

test('a runner’s Auto Scaling read lays templates, policies, alarms and activities over the last whole inventory', () => {
  const whole = assembleInventory({ context, raw: {} });
  const part = assembleInventory({ context, raw, sections: ['autoScaling'] });
  const merged = overlayInventory(whole, part)!;
  assert.equal(merged.launchTemplates.length, 3);
  assert.equal(merged.scalingPolicies.length, 4);
  assert.equal(merged.metricAlarms.length, 2);
  assert.equal(merged.scalingActivities.length, 2);
});
