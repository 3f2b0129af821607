// Track 3 on the meter: each CloudWatch metric alarm at 0.10 USD an alarm-month (standard resolution), in any state,
// from the built-in table with its source, the lab's being the ones on the lab's group; the lab group's instances
// counted as the lab's even when its tags do not propagate to them; the meter's words in English and Japanese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Inventory, MetricAlarm } from '../../../src/aws/types';
import { estimateCost } from '../../../src/cost/estimate';
import { priceTable } from '../../../src/cost/prices';
import { itemDetail, kindLabel } from '../../../src/present/costModel';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import { LAB_ID, LAB_TAG } from '../../../src/lab/types';
import { finishedLab } from '../../fixtures/labWorld';

const alarm = (name: string, group: string, state: MetricAlarm['state']): MetricAlarm => ({
  name,
  arn: `arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:${name}`,
  namespace: 'AWS/EC2',
  metricName: 'CPUUtilization',
  dimensions: [{ name: 'AutoScalingGroupName', value: group }],
  period: 300,
  evaluationPeriods: 1,
  threshold: 70,
  comparison: 'GreaterThanThreshold',
  state,
  stateReason: '',
  alarmActions: [],
  okActions: [],
  actionsEnabled: true,
});

function withAlarms(): Inventory {
  const inv = finishedLab();
  const group = {
    name: 'WebServer-ASG',
    arn: 'arn:aws:autoscaling:ap-northeast-1:123456789012:autoScalingGroup:u:autoScalingGroupName/WebServer-ASG',
    min: 2,
    max: 4,
    desired: 2,
    azs: [],
    subnetIds: [],
    targetGroupArns: [],
    instances: [],
    tags: { [LAB_TAG]: LAB_ID },
  };
  return {
    ...inv,
    autoScalingGroups: [group],
    metricAlarms: [
      alarm('WebServer-ASG-CPU-High', 'WebServer-ASG', 'ALARM'),
      alarm('WebServer-ASG-CPU-Low', 'WebServer-ASG', 'INSUFFICIENT_DATA'),
      alarm('someone-else', 'other-ASG', 'OK'),
    ],
  };
}

test('each alarm bills 0.10 USD a month whatever its state; the lab’s are those of its group', () => {
  const estimate = estimateCost(withAlarms(), { prices: priceTable('ap-northeast-1') });
  const alarms = estimate.items.filter((i) => i.kind === 'alarm');
  assert.deepEqual(
    alarms.map((i) => [i.resourceId, i.monthlyUsd, i.labCreated, i.unpriced]),
    [
      ['WebServer-ASG-CPU-High', 0.1, true, undefined],
      ['WebServer-ASG-CPU-Low', 0.1, true, undefined],
      ['someone-else', 0.1, false, undefined],
    ],
  );
  assert.equal(alarms[0]?.hourlyUsd, 0.000137, '0.10 / 730 h');
  const without = estimateCost({ ...withAlarms(), metricAlarms: [] }, { prices: priceTable('ap-northeast-1') });
  assert.equal(Math.round((estimate.monthlyUsd - without.monthlyUsd) * 100) / 100, 0.3);
});

test('the figure names its source; a table without it leaves alarms unpriced, never guessed', () => {
  const table = priceTable('us-east-1');
  assert.equal(table?.alarmMonth?.usd, 0.1);
  assert.equal(table?.alarmMonth?.source, 'https://aws.amazon.com/cloudwatch/pricing/');
  assert.equal(table?.alarmMonth?.unit, 'alarm-month');
  const bare = priceTable('ap-northeast-1');
  assert.ok(bare);
  delete bare.alarmMonth;
  const alarms = estimateCost(withAlarms(), { prices: bare }).items.filter((i) => i.kind === 'alarm');
  assert.deepEqual(
    alarms.map((i) => [i.hourlyUsd, i.unpriced]),
    [
      [0, 'unconfirmed'],
      [0, 'unconfirmed'],
      [0, 'unconfirmed'],
    ],
  );
});

test('the meter words an alarm in English and Japanese', () => {
  const item = estimateCost(withAlarms(), { prices: priceTable('ap-northeast-1') }).items.find(
    (i) => i.kind === 'alarm',
  );
  assert.ok(item);
  assert.equal(kindLabel('alarm', bundleTranslator()), 'CloudWatch alarms');
  assert.equal(kindLabel('alarm', bundleTranslator(loadBundle('ja'))), 'CloudWatch アラーム');
  assert.equal(itemDetail(item, bundleTranslator()), 'CPUUtilization · ALARM');
});

test('a lab group’s instances bill as the lab’s, tagged or not; another group’s do not', () => {
  const inv = withAlarms();
  const base = inv.instances[0]!;
  const member = (id: string, group: string) => ({
    ...base,
    id,
    name: undefined,
    state: 'running' as const,
    tags: { 'aws:autoscaling:groupName': group },
  });
  const estimate = estimateCost(
    { ...inv, instances: [...inv.instances, member('i-0mine', 'WebServer-ASG'), member('i-0theirs', 'other-ASG')] },
    { prices: priceTable('ap-northeast-1') },
  );
  const lab = (id: string) => estimate.items.find((i) => i.kind === 'instance' && i.resourceId === id)?.labCreated;
  assert.equal(lab('i-0mine'), true);
  assert.equal(lab('i-0theirs'), false);
});
