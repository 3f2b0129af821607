// The scaling watch's pure parts: which alarms are the group's (by its dimension or by the policies they invoke,
// never by name) and which lines the chart draws (a target tracking policy's target, else the high and low alarms').
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { alarmOfGroup, thresholdsOf } from '../../../../src/lab/scaling/watch';

const policy = (group: string, name: string) =>
  `arn:aws:autoscaling:ap-northeast-1:123456789012:scalingPolicy:1f2e:autoScalingGroupName/${group}:policyName/${name}`;

describe('alarmOfGroup', () => {
  it("keeps the alarms on the group's metric and those invoking its policies, not another group's", () => {
    const onDimension: MetricAlarm = {
      AlarmName: 'cpu-high',
      Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'asg' }],
    };
    const byPolicy: MetricAlarm = {
      AlarmName: 'odd-name',
      Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }],
      AlarmActions: [policy('asg', 'out')],
    };
    const other: MetricAlarm = {
      AlarmName: 'asg-CPU-High',
      Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'asg-2' }],
      AlarmActions: [policy('asg-2', 'out')],
    };
    assert.equal(alarmOfGroup(onDimension, 'asg'), true);
    assert.equal(alarmOfGroup(byPolicy, 'asg'), true);
    assert.equal(alarmOfGroup(other, 'asg'), false);
  });
});

describe('thresholdsOf', () => {
  const alarm = (name: string, comparison: string, threshold: number) => ({
    name,
    comparison,
    threshold,
    state: 'OK' as const,
  });
  it('draws the high and low alarms of simple scaling', () => {
    assert.deepEqual(
      thresholdsOf([alarm('a-CPU-High', 'GreaterThanThreshold', 70), alarm('a-CPU-Low', 'LessThanThreshold', 30)]),
      { high: 70, low: 30 },
    );
  });
  it("draws a target tracking policy's target, not its low alarm's 90 %", () => {
    assert.deepEqual(
      thresholdsOf([
        alarm('TargetTracking-a-AlarmHigh-1b2c', 'GreaterThanThreshold', 70),
        alarm('TargetTracking-a-AlarmLow-3d4e', 'LessThanThreshold', 63),
      ]),
      { target: 70 },
    );
  });
});
