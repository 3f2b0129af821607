// The Auto Scaling group of the explorer for track 3: a group over two AZs › its instances (lifecycle, health, AZ),
// its launch template (version, AMI), its policies as sentences, its alarms with state and threshold, its recent
// activities in AWS's words; templates no group uses and alarms of no group apart. English and Japanese.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory, MetricAlarm, ScalingPolicy } from '../../../../src/aws/types';
import type { ExplorerNode } from '../../../../src/present/explorer/nodes';
import { policySentence } from '../../../../src/present/explorer/scalingParts';
import { at, en, inventory, ja, loaded } from '../../../fixtures/explorerWorld';

const GROUP = 'WebServer-ASG';
const ARN = 'arn:aws:autoscaling:ap-northeast-1:123456789012';
const policyArn = (name: string) =>
  `${ARN}:scalingPolicy:uuid-${name}:autoScalingGroupName/${GROUP}:policyName/${name}`;

const policy = (name: string, adjustment: number, alarm: string): ScalingPolicy => ({
  name,
  arn: policyArn(name),
  groupName: GROUP,
  type: 'SimpleScaling',
  adjustmentType: 'ChangeInCapacity',
  scalingAdjustment: adjustment,
  stepAdjustments: [],
  cooldown: 300,
  alarmNames: [alarm],
  enabled: true,
});

const alarm = (name: string, over: Partial<MetricAlarm>): MetricAlarm => ({
  name,
  arn: `arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:${name}`,
  namespace: 'AWS/EC2',
  metricName: 'CPUUtilization',
  dimensions: [{ name: 'AutoScalingGroupName', value: GROUP }],
  statistic: 'Average',
  period: 300,
  evaluationPeriods: 1,
  threshold: 70,
  comparison: 'GreaterThanThreshold',
  state: 'OK',
  stateReason: 'Threshold Crossed: 1 datapoint [12.5 (02/12/26 06:00:00)] was not greater than the threshold (70.0).',
  alarmActions: [],
  okActions: [],
  actionsEnabled: true,
  ...over,
});

function scaling(): Inventory {
  return inventory({
    autoScalingGroups: [
      {
        name: GROUP,
        arn: `${ARN}:autoScalingGroup:uuid:autoScalingGroupName/${GROUP}`,
        min: 2,
        max: 4,
        desired: 3,
        azs: ['ap-northeast-1a', 'ap-northeast-1c'],
        subnetIds: ['subnet-0aaa', 'subnet-0ccc'],
        targetGroupArns: [],
        launchTemplate: { id: 'lt-0web', name: 'WebServer-template', version: '$Default' },
        healthCheckType: 'ELB',
        healthCheckGracePeriod: 300,
        defaultCooldown: 300,
        instances: [
          { id: 'i-0asg1', az: 'ap-northeast-1a', lifecycleState: 'InService', healthStatus: 'Healthy' },
          { id: 'i-0asg2', az: 'ap-northeast-1c', lifecycleState: 'InService', healthStatus: 'Healthy' },
          { id: 'i-0asg3', az: 'ap-northeast-1a', lifecycleState: 'Pending', healthStatus: 'Healthy' },
        ],
        tags: {},
      },
    ],
    launchTemplates: [
      {
        id: 'lt-0web',
        name: 'WebServer-template',
        defaultVersion: 1,
        latestVersion: 2,
        imageId: 'ami-0lab',
        instanceType: 't2.micro',
        keyName: '1day-user',
        securityGroupIds: ['sg-0web'],
        hasUserData: false,
        tags: {},
      },
      {
        id: 'lt-0spare',
        name: 'Spare-template',
        defaultVersion: 1,
        latestVersion: 1,
        imageId: 'ami-0lab',
        instanceType: 't3.micro',
        securityGroupIds: [],
        hasUserData: true,
        tags: {},
      },
    ],
    scalingPolicies: [
      policy(`${GROUP}-scale-out`, 1, `${GROUP}-CPU-High`),
      policy(`${GROUP}-scale-in`, -1, `${GROUP}-CPU-Low`),
    ],
    metricAlarms: [
      alarm(`${GROUP}-CPU-High`, {
        state: 'ALARM',
        stateReason: 'Threshold Crossed: 1 datapoint [85.3 (02/12/26 06:05:00)] was greater than the threshold (70.0).',
        alarmActions: [policyArn(`${GROUP}-scale-out`)],
      }),
      alarm(`${GROUP}-CPU-Low`, {
        threshold: 30,
        comparison: 'LessThanThreshold',
        alarmActions: [policyArn(`${GROUP}-scale-in`)],
      }),
      // On an instance id that is gone: no group's, waiting for data forever.
      alarm('cpu-on-old-instance', {
        dimensions: [{ name: 'InstanceId', value: 'i-0gone' }],
        state: 'INSUFFICIENT_DATA',
        stateReason: 'Unchecked: Initial alarm creation',
      }),
    ],
    scalingActivities: [
      {
        groupName: GROUP,
        id: 'act-2',
        description: 'Launching a new EC2 instance: i-0asg3',
        cause:
          'At 2026-12-02T06:05:30Z a monitor alarm WebServer-ASG-CPU-High in state ALARM triggered policy WebServer-ASG-scale-out changing the desired capacity from 2 to 3.',
        statusCode: 'InProgress',
        startTime: '2026-12-02T06:05:31Z',
      },
      {
        groupName: GROUP,
        id: 'act-1',
        description: 'Launching a new EC2 instance: i-0asg2',
        cause:
          'At 2026-12-02T05:50:00Z a user request created an AutoScalingGroup changing the desired capacity from 0 to 2.',
        statusCode: 'Successful',
        startTime: '2026-12-02T05:50:01Z',
        endTime: '2026-12-02T05:51:00Z',
      },
      { groupName: 'another-ASG', id: 'act-x', description: 'x', cause: 'y', statusCode: 'Successful', startTime: '' },
    ],
  });
}

function scalingGroup(inv: Inventory, t = en): ExplorerNode {
  const group = loaded(inv, t)[0]?.children.find((c) => c.id === 'account/autoScaling');
  assert.ok(group, 'the Auto Scaling group is shown');
  return group;
}

const rows = (node: ExplorerNode) => node.children.map((c) => [c.kind, c.label, c.description]);

describe('explorer: the Auto Scaling group', () => {
  it('a group: its instances, its launch template, its policies as sentences, its alarms, its activities', () => {
    const group = at(scalingGroup(scaling()).children, GROUP);
    assert.equal(group.description, 'desired 3 · min 2 · max 4');
    assert.deepEqual(rows(group), [
      ['autoScalingInstance', 'i-0asg1', 'InService · healthy · ap-northeast-1a'],
      ['autoScalingInstance', 'i-0asg3', 'Pending · healthy · ap-northeast-1a'],
      ['autoScalingInstance', 'i-0asg2', 'InService · healthy · ap-northeast-1c'],
      ['launchTemplate', 'WebServer-template', 'launch template · version 1 · latest 2 · ami-0lab · t2.micro'],
      ['scalingPolicy', 'WebServer-ASG-scale-in', 'Removes one instance when WebServer-ASG-CPU-Low is in ALARM'],
      ['scalingPolicy', 'WebServer-ASG-scale-out', 'Adds one instance when WebServer-ASG-CPU-High is in ALARM'],
      ['metricAlarm', 'WebServer-ASG-CPU-High', 'ALARM · CPUUtilization > 70 · 1 of 1 × 300 s'],
      ['metricAlarm', 'WebServer-ASG-CPU-Low', 'OK · CPUUtilization < 30 · 1 of 1 × 300 s'],
      ['scalingActivities', 'Recent activities', '2'],
    ]);
    const high = at(group.children, 'WebServer-ASG-CPU-High');
    assert.match(high.tooltip ?? '', /was greater than the threshold \(70\.0\)/, 'AWS’s reason, as it is');
    assert.match(high.tooltip ?? '', /In ALARM:\*\* WebServer-ASG-scale-out/);
    assert.equal(high.icon?.color, 'charts.red');
    assert.equal(high.resource?.arn, 'arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:WebServer-ASG-CPU-High');
    const activities = at(group.children, 'Recent activities');
    assert.deepEqual(rows(activities), [
      ['scalingActivity', 'Launching a new EC2 instance: i-0asg3', 'InProgress · 2026-12-02 06:05 UTC'],
      ['scalingActivity', 'Launching a new EC2 instance: i-0asg2', 'Successful · 2026-12-02 05:50 UTC'],
    ]);
    assert.match(
      activities.children[0]?.tooltip ?? '',
      /a monitor alarm WebServer-ASG-CPU-High in state ALARM triggered policy WebServer-ASG-scale-out/,
    );
    assert.match(at(group.children, 'WebServer-template').tooltip ?? '', /Key pair:\*\* 1day-user/);
    assert.match(group.tooltip ?? '', /Health check:\*\* ELB/);
  });

  it('a template no group uses and an alarm of no group are shown apart', () => {
    const root = scalingGroup(scaling());
    assert.deepEqual(
      root.children.map((c) => [c.kind, c.label]),
      [
        ['autoScalingGroup', GROUP],
        ['launchTemplate', 'Spare-template'],
        ['group', 'Alarms of no group'],
      ],
    );
    assert.deepEqual(rows(at(root.children, 'Alarms of no group')), [
      ['metricAlarm', 'cpu-on-old-instance', 'INSUFFICIENT_DATA · CPUUtilization > 70 · 1 of 1 × 300 s · no action'],
    ]);
    assert.match(at(root.children, 'Spare-template').tooltip ?? '', /Key pair:\*\* none \(no SSH\)/);
  });

  it('appears once 3.1 has made a launch template, before any group exists', () => {
    const inv = scaling();
    const only = { ...inv, autoScalingGroups: [], scalingPolicies: [], metricAlarms: [], scalingActivities: [] };
    assert.deepEqual(
      scalingGroup(only).children.map((c) => c.label),
      ['Spare-template', 'WebServer-template'],
    );
    const none = { ...only, launchTemplates: [] };
    assert.equal(
      loaded(none)[0]?.children.find((c) => c.id === 'account/autoScaling'),
      undefined,
    );
  });

  it('says what a target-tracking or step policy does, and a policy nothing invokes', () => {
    const base = policy('p', 1, 'a');
    assert.equal(
      policySentence(
        {
          ...base,
          type: 'TargetTrackingScaling',
          targetValue: 70,
          predefinedMetric: 'ASGAverageCPUUtilization',
          alarmNames: [],
        },
        en,
      ),
      'Keeps the group’s average CPU near 70 %: adds and removes instances by itself',
    );
    assert.equal(
      policySentence(
        {
          ...base,
          type: 'StepScaling',
          stepAdjustments: [
            { lower: 0, upper: 20, adjustment: 1 },
            { lower: 20, adjustment: 2 },
          ],
        },
        en,
      ),
      'Steps: 0…20 → +1, 20…+∞ → +2 when a is in ALARM',
    );
    assert.equal(
      policySentence({ ...base, scalingAdjustment: 2, alarmNames: [] }, en),
      'Adds 2 instances; no alarm invokes it',
    );
    assert.equal(
      policySentence({ ...base, adjustmentType: 'ExactCapacity', scalingAdjustment: 4 }, en),
      'Sets the group to 4 instances when a is in ALARM',
    );
  });

  it('reads in Japanese (states and activities stay in AWS’s words)', () => {
    const group = at(scalingGroup(scaling(), ja).children, GROUP);
    const texts = group.children.map((c) => c.description);
    assert.ok(texts.includes('WebServer-ASG-CPU-High が ALARM 状態になるとインスタンスを 1 台追加'), texts.join('\n'));
    assert.ok(texts.includes('起動テンプレート · バージョン 1 · 最新 2 · ami-0lab · t2.micro'), texts.join('\n'));
    assert.ok(texts.includes('ALARM · CPUUtilization > 70 · 1 / 1 × 300 秒'), texts.join('\n'));
    assert.equal(
      at(group.children, '最近のアクティビティ').children[0]?.label,
      'Launching a new EC2 instance: i-0asg3',
    );
  });
});
