// The rest of the practice CloudWatch API through the real @aws-sdk/client-cloudwatch (speed 120: a 60 s period
// lasts 0.5 s): DescribeAlarms' filters and pages (the SDK's paginator), DescribeAlarmsForMetric, DeleteAlarms
// (all or nothing), SetAlarmState and the evaluation setting it back, Disable/EnableAlarmActions, tags, ListMetrics,
// PutMetricData read back by GetMetricStatistics, the group's metric over its tagged instances, faults in JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsForMetricCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  TagResourceCommand,
  paginateDescribeAlarms,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { rejection } from '../../../fixtures/practiceClients';
import { cloudWatchPractice } from './cloudWatchPractice';

const practice = cloudWatchPractice(120);
const PERIOD_MS = 60 * practice.msPerSecond;
const TRANSITION_MS = 3 * PERIOD_MS + 1500;
const TOPIC_ARN = 'arn:aws:sns:ap-northeast-1:123456789012:ops';

async function alarmOn(name: string, dimension: { Name: string; Value: string }, threshold = 70) {
  await practice.aws.cloudWatch.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [dimension],
      Statistic: 'Average',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [TOPIC_ARN],
      Tags: [{ Key: 'scale-out-lab:lab', Value: 'scale-out' }],
    }),
  );
}

async function described(input: Parameters<typeof paginateDescribeAlarms>[1]): Promise<MetricAlarm[]> {
  const alarms: MetricAlarm[] = [];
  for await (const page of paginateDescribeAlarms({ client: practice.aws.cloudWatch, pageSize: 2 }, input))
    alarms.push(...(page.MetricAlarms ?? []));
  return alarms;
}

test('DescribeAlarms: names, prefix, state and action filters over pages of the paginator; ForMetric; DeleteAlarms', async () => {
  const id = (await practice.webServer()).InstanceId ?? '';
  for (const name of ['web-a', 'web-b', 'web-c', 'db-a', 'web-d'])
    await alarmOn(name, { Name: 'InstanceId', Value: id });
  assert.deepEqual(
    (await described({})).map((a) => a.AlarmName),
    ['db-a', 'web-a', 'web-b', 'web-c', 'web-d'],
  );
  assert.deepEqual(
    (await described({ AlarmNamePrefix: 'web-' })).map((a) => a.AlarmName),
    ['web-a', 'web-b', 'web-c', 'web-d'],
  );
  assert.deepEqual(
    (await described({ AlarmNames: ['web-b', 'db-a', 'nope'] })).map((a) => a.AlarmName),
    ['db-a', 'web-b'],
  );
  assert.equal((await described({ ActionPrefix: 'arn:aws:sns:' })).length, 5);
  assert.equal((await described({ ActionPrefix: 'arn:aws:autoscaling:' })).length, 0);
  // Each is first evaluated at the end of the period it was made in: the last made, last.
  await practice.until('web-d', 'OK', TRANSITION_MS);
  assert.equal((await described({ StateValue: 'OK' })).length, 5);
  assert.equal((await described({ StateValue: 'ALARM' })).length, 0);

  const forMetric = await practice.aws.cloudWatch.send(
    new DescribeAlarmsForMetricCommand({
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'InstanceId', Value: id }],
    }),
  );
  assert.equal(forMetric.MetricAlarms?.length, 5);

  const missing = await rejection(
    practice.aws.cloudWatch.send(new DeleteAlarmsCommand({ AlarmNames: ['web-a', 'nope'] })),
  );
  assert.equal(missing.Code, 'ResourceNotFound');
  assert.equal(missing.$metadata?.httpStatusCode, 404);
  assert.equal((await described({ AlarmNamePrefix: 'web-' })).length, 4, 'nothing deleted when one name is unknown');
  await practice.aws.cloudWatch.send(
    new DeleteAlarmsCommand({ AlarmNames: ['web-a', 'web-b', 'web-c', 'web-d', 'db-a'] }),
  );
  assert.deepEqual(await described({}), []);
});

test('SetAlarmState sets ALARM with its reason (and runs the action); the next evaluation sets it back to OK', async () => {
  const id = (await practice.webServer()).InstanceId ?? '';
  await alarmOn('manual', { Name: 'InstanceId', Value: id });
  await practice.until('manual', 'OK', TRANSITION_MS);
  await practice.aws.cloudWatch.send(
    new SetAlarmStateCommand({ AlarmName: 'manual', StateValue: 'ALARM', StateReason: 'testing the pager' }),
  );
  const set = await practice.alarm('manual');
  assert.equal(set.StateValue, 'ALARM');
  assert.equal(set.StateReason, 'testing the pager');
  const back = await practice.until('manual', 'OK', TRANSITION_MS);
  assert.match(back.alarm.StateReason ?? '', /^Threshold Crossed: 1 datapoint \[.*\] was not greater than/);
  const history = await practice.aws.cloudWatch.send(
    new DescribeAlarmHistoryCommand({ AlarmName: 'manual', ScanBy: 'TimestampAscending' }),
  );
  assert.deepEqual(
    history.AlarmHistoryItems?.map((h) => [h.HistoryItemType, h.HistorySummary]),
    [
      ['ConfigurationUpdate', 'Alarm "manual" created'],
      ['StateUpdate', 'Alarm updated from INSUFFICIENT_DATA to OK'],
      ['StateUpdate', 'Alarm updated from OK to ALARM'],
      ['Action', `Successfully executed action ${TOPIC_ARN}`],
      ['StateUpdate', 'Alarm updated from ALARM to OK'],
    ],
  );
  const missing = await rejection(
    practice.aws.cloudWatch.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' })),
  );
  assert.equal(missing.Code, 'ResourceNotFound');
});

test('DisableAlarmActions: the state changes, no action runs; EnableAlarmActions: they run again', async () => {
  const id = (await practice.webServer()).InstanceId ?? '';
  await alarmOn('quiet', { Name: 'InstanceId', Value: id });
  await practice.until('quiet', 'OK', TRANSITION_MS);
  await practice.aws.cloudWatch.send(new DisableAlarmActionsCommand({ AlarmNames: ['quiet'] }));
  assert.equal((await practice.alarm('quiet')).ActionsEnabled, false);
  const actions = async () =>
    (
      await practice.aws.cloudWatch.send(
        new DescribeAlarmHistoryCommand({ AlarmName: 'quiet', HistoryItemType: 'Action' }),
      )
    ).AlarmHistoryItems?.length ?? 0;
  await practice.aws.cloudWatch.send(
    new SetAlarmStateCommand({ AlarmName: 'quiet', StateValue: 'ALARM', StateReason: 'x' }),
  );
  assert.equal(await actions(), 0);
  await practice.until('quiet', 'OK', TRANSITION_MS);
  await practice.aws.cloudWatch.send(new EnableAlarmActionsCommand({ AlarmNames: ['quiet'] }));
  await practice.aws.cloudWatch.send(
    new SetAlarmStateCommand({ AlarmName: 'quiet', StateValue: 'ALARM', StateReason: 'x' }),
  );
  assert.equal(await actions(), 1);
});

test('tags on an alarm: PutMetricAlarm Tags, TagResource, ListTagsForResource; an unknown ARN is not found', async () => {
  const id = (await practice.webServer()).InstanceId ?? '';
  await alarmOn('tagged', { Name: 'InstanceId', Value: id });
  const arn = (await practice.alarm('tagged')).AlarmArn ?? '';
  await practice.aws.cloudWatch.send(
    new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'scale-out-lab:step', Value: '3.3' }] }),
  );
  const tags = await practice.aws.cloudWatch.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
  assert.deepEqual(tags.Tags, [
    { Key: 'scale-out-lab:lab', Value: 'scale-out' },
    { Key: 'scale-out-lab:step', Value: '3.3' },
  ]);
  const unknown = await rejection(
    practice.aws.cloudWatch.send(new ListTagsForResourceCommand({ ResourceARN: `${arn}-nope` })),
  );
  assert.equal(unknown.name, 'ResourceNotFoundException');
  assert.equal(unknown.$metadata?.httpStatusCode, 404);
});

test("ListMetrics and the group's metric: the average over the running instances tagged with the group", async () => {
  const web = await practice.webServer();
  const id = web.InstanceId ?? '';
  // Auto Scaling tags its instances so (the practice account's Auto Scaling does it; here the record is tagged).
  const record = practice.server.world.writableRegion('ap-northeast-1').instances.find((i) => i.id === id);
  assert.ok(record);
  record.tags['aws:autoscaling:groupName'] = 'WebServer-ASG';
  await alarmOn('group', { Name: 'AutoScalingGroupName', Value: 'WebServer-ASG' });
  await practice.until('group', 'OK', TRANSITION_MS);
  const metrics = await practice.aws.cloudWatch.send(
    new ListMetricsCommand({ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization' }),
  );
  const dims = (metrics.Metrics ?? []).map((m) => m.Dimensions?.map((d) => `${d.Name}=${d.Value}`).join(','));
  assert.ok(dims.includes(`InstanceId=${id}`), dims.join(' '));
  assert.ok(dims.includes('AutoScalingGroupName=WebServer-ASG'), dims.join(' '));

  const end = new Date();
  const data = await practice.aws.cloudWatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(end.getTime() - 6 * PERIOD_MS),
      EndTime: end,
      ScanBy: 'TimestampAscending',
      MetricDataQueries: ['InstanceId', 'AutoScalingGroupName'].map((name, i) => ({
        Id: `q${i}`,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/EC2',
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: name, Value: name === 'InstanceId' ? id : 'WebServer-ASG' }],
          },
          Period: 60,
          Stat: 'Average',
        },
      })),
    }),
  );
  const [instance, group] = data.MetricDataResults ?? [];
  assert.ok((instance?.Values?.length ?? 0) >= 3);
  // One member: the group's average is that instance's (the same minutes, the same values).
  assert.deepEqual(group?.Values, instance?.Values);
  const times = instance?.Timestamps?.map((t) => t.getTime()) ?? [];
  assert.deepEqual(
    times,
    [...times].sort((a, b) => a - b),
    'ScanBy TimestampAscending',
  );
  delete record.tags['aws:autoscaling:groupName'];
});

test('PutMetricData in a custom namespace is kept, read back by GetMetricStatistics and ListMetrics, and alarms on it', async () => {
  const now = Date.now();
  await practice.aws.cloudWatch.send(
    new PutMetricDataCommand({
      Namespace: 'ScaleOutLab',
      MetricData: [
        {
          MetricName: 'Visitors',
          Dimensions: [{ Name: 'Site', Value: 'cps' }],
          Value: 4,
          Timestamp: new Date(now - 200),
        },
        {
          MetricName: 'Visitors',
          Dimensions: [{ Name: 'Site', Value: 'cps' }],
          Value: 6,
          Timestamp: new Date(now - 100),
        },
      ],
    }),
  );
  const stats = await practice.aws.cloudWatch.send(
    new GetMetricStatisticsCommand({
      Namespace: 'ScaleOutLab',
      MetricName: 'Visitors',
      Dimensions: [{ Name: 'Site', Value: 'cps' }],
      StartTime: new Date(now - 10 * PERIOD_MS),
      EndTime: new Date(now + PERIOD_MS),
      Period: 60,
      Statistics: ['Sum', 'SampleCount', 'Maximum'],
    }),
  );
  const totals = (stats.Datapoints ?? []).reduce(
    (t, d) => ({
      sum: t.sum + (d.Sum ?? 0),
      count: t.count + (d.SampleCount ?? 0),
      max: Math.max(t.max, d.Maximum ?? 0),
    }),
    { sum: 0, count: 0, max: 0 },
  );
  assert.deepEqual(totals, { sum: 10, count: 2, max: 6 });
  const listed = await practice.aws.cloudWatch.send(new ListMetricsCommand({ Namespace: 'ScaleOutLab' }));
  assert.deepEqual(listed.Metrics, [
    { Namespace: 'ScaleOutLab', MetricName: 'Visitors', Dimensions: [{ Name: 'Site', Value: 'cps' }] },
  ]);
  // An alarm on the custom metric: the period holding a Sum over 5 is ALARM (9, or 19 when it also holds the 4 and
  // 6 above); the periods after it have no data.
  await practice.aws.cloudWatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'visitors',
      Namespace: 'ScaleOutLab',
      MetricName: 'Visitors',
      Dimensions: [{ Name: 'Site', Value: 'cps' }],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
  await practice.aws.cloudWatch.send(
    new PutMetricDataCommand({
      Namespace: 'ScaleOutLab',
      MetricData: [{ MetricName: 'Visitors', Dimensions: [{ Name: 'Site', Value: 'cps' }], Value: 9 }],
    }),
  );
  const busy = await practice.until('visitors', 'ALARM', TRANSITION_MS);
  assert.match(busy.alarm.StateReason ?? '', /^Threshold Crossed: 1 datapoint \[(?:9|19)\.0 \(/);
  const quiet = await practice.until('visitors', 'INSUFFICIENT_DATA', TRANSITION_MS);
  assert.equal(quiet.alarm.StateReason, 'Insufficient Data: 1 datapoint was unknown.');

  const reversed = await rejection(
    practice.aws.cloudWatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'ScaleOutLab',
        MetricName: 'Visitors',
        StartTime: new Date(now),
        EndTime: new Date(now - 1000),
        Period: 60,
        Statistics: ['Sum'],
      }),
    ),
  );
  assert.equal(reversed.Code, 'ValidationError');
  assert.equal(reversed.message, 'The parameter StartTime must be less than the parameter EndTime.');
});

test('faults answer in JSON: a throttle is retried by the SDK; past its attempts it fails as Throttling', async () => {
  practice.server.injectFault({ action: 'DescribeAlarms', kind: 'throttle', count: 1 });
  assert.ok(Array.isArray(await described({})), 'one throttle: the SDK retries and gets the answer');
  practice.server.injectFault({ action: 'DescribeAlarms', kind: 'throttle', count: 10 });
  const throttled = await rejection(described({}));
  assert.equal(throttled.name, 'Throttling');
  assert.equal(throttled.message, 'Rate exceeded');
});
