// CloudWatch alarms of the practice account, driven by the real @aws-sdk/client-cloudwatch over HTTP at speed 120
// (a 60 s period lasts 0.5 s): an alarm on the seeded WebServer's CPU starts INSUFFICIENT_DATA, turns OK on the
// idle instance, ALARM after `yes > /dev/null &` in its shell (or ~25 requests a second to its page), OK again
// after `kill %1`, within the periods the model gives it; AWS's reasons and history; its actions queued for Auto
// Scaling (again every period in ALARM) and others once; an alarm on a dimension no instance has stays
// INSUFFICIENT_DATA; AWS's validation errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeAlarmHistoryCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import {
  RunInstancesCommand,
  StopInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
} from '@aws-sdk/client-ec2';
import { rejection } from '../../../fixtures/practiceClients';
import { WAIT, webRequest } from '../../../fixtures/practiceLab';
import { cloudWatchPractice, ptyShell } from './cloudWatchPractice';

const SPEED = 120;
const practice = cloudWatchPractice(SPEED);
/** One 60 s period, in wall milliseconds. */
const PERIOD_MS = 60 * practice.msPerSecond;
/** How long a transition may take: the period the change began in, the next whole one, and the network's slack. */
const TRANSITION_MS = 3 * PERIOD_MS + 1500;
const POLICY_ARN =
  'arn:aws:autoscaling:ap-northeast-1:123456789012:scalingPolicy:8f4c1a52-7f36-4b8e-9d0e-3c2f0d8e1a11:autoScalingGroupName/WebServer-ASG:policyName/WebServer-ASG-scale-out';
const TOPIC_ARN = 'arn:aws:sns:ap-northeast-1:123456789012:ops';

const REASON =
  /^Threshold Crossed: 1 datapoint \[(\d+(?:\.\d+)?) \(\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\)\] was (not )?greater than the threshold \(70\.0\)\.$/;

async function cpuAlarm(name: string, instanceId: string, more: Partial<PutMetricAlarmCommandInput> = {}) {
  await practice.aws.cloudWatch.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
      Statistic: 'Average',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 70,
      ComparisonOperator: 'GreaterThanThreshold',
      ...more,
    }),
  );
}

/** The alarm's actions as its history tells them (Auto Scaling drains its own from the queue at once). */
async function invocations(name: string, actionArn: string) {
  const out = await practice.aws.cloudWatch.send(
    new DescribeAlarmHistoryCommand({ AlarmName: name, HistoryItemType: 'Action', ScanBy: 'TimestampAscending' }),
  );
  return (out.AlarmHistoryItems ?? []).filter((h) => h.HistorySummary === `Successfully executed action ${actionArn}`);
}

test('INSUFFICIENT_DATA, OK on the idle WebServer, ALARM after `yes > /dev/null &`, OK after `kill %1`', async () => {
  const web = await practice.webServer();
  const id = web.InstanceId ?? '';
  // A new alarm is INSUFFICIENT_DATA until the end of its first period (an hour's period: 30 s here, time to look).
  await cpuAlarm('WebServer-CPU-Hourly', id, { Period: 3600 });
  const fresh = await practice.alarm('WebServer-CPU-Hourly');
  assert.equal(fresh.StateValue, 'INSUFFICIENT_DATA');
  assert.equal(fresh.StateReason, 'Unchecked: Initial alarm creation');
  assert.ok(fresh.StateUpdatedTimestamp instanceof Date);

  await cpuAlarm('WebServer-CPU-High', id, { AlarmActions: [POLICY_ARN], OKActions: [TOPIC_ARN] });
  const created = await practice.alarm('WebServer-CPU-High');
  assert.equal(created.AlarmArn, 'arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:WebServer-CPU-High');

  const ok = await practice.until('WebServer-CPU-High', 'OK', TRANSITION_MS);
  const idle = REASON.exec(ok.alarm.StateReason ?? '');
  assert.ok(idle, ok.alarm.StateReason);
  assert.equal(idle[2], 'not ');
  assert.ok(Number(idle[1]) >= 1 && Number(idle[1]) <= 3, `idle CPU ${idle[1]}`);
  const data = JSON.parse(ok.alarm.StateReasonData ?? '{}') as Record<string, unknown>;
  assert.equal(data.version, '1.0');
  assert.equal(data.statistic, 'Average');
  assert.equal(data.period, 60);
  assert.equal(data.threshold, 70);
  assert.deepEqual(data.recentDatapoints, [Number(idle[1])]);
  assert.match(String(data.queryDate), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  assert.equal((await invocations('WebServer-CPU-High', TOPIC_ARN)).length, 1, 'the OK action runs on the transition');

  const shell = await ptyShell(await practice.ssh(id));
  const started = shell.send('yes > /dev/null &');
  const job = await shell.waitFor(/\[1\] (\d+)\r?\n/, started);
  assert.match(job, /\[1\] \d+/);
  const alarm = await practice.until('WebServer-CPU-High', 'ALARM', TRANSITION_MS);
  const busy = REASON.exec(alarm.alarm.StateReason ?? '');
  assert.ok(busy, alarm.alarm.StateReason);
  assert.equal(busy[2], undefined);
  assert.ok(Number(busy[1]) > 70, `a t2.micro with one yes: ${busy[1]} %`);
  assert.ok(alarm.alarm.StateTransitionedTimestamp instanceof Date);

  // Auto Scaling's action: on the transition and again each period the alarm stays in ALARM.
  await new Promise((r) => setTimeout(r, 3 * PERIOD_MS));
  const scaling = await invocations('WebServer-CPU-High', POLICY_ARN);
  assert.ok(scaling.length >= 3, `invoked ${scaling.length} times in ALARM`);
  const inAlarm = alarm.alarm.StateTransitionedTimestamp?.getTime() ?? 0;
  assert.ok(scaling.every((h) => (h.Timestamp?.getTime() ?? 0) >= inAlarm));
  const queued = (practice.records().alarmInvocations ?? []).filter((i) => i.actionArn === TOPIC_ARN);
  assert.deepEqual(
    queued.map((i) => [i.alarmName, i.alarmArn, i.state]),
    [['WebServer-CPU-High', created.AlarmArn, 'OK']],
    "the SNS action waits in the queue for its service (Auto Scaling's are drained)",
  );

  const listed = shell.send('jobs');
  await shell.waitFor(/\[1\]\+ {2}Running {17}yes > \/dev\/null &/, listed);
  shell.send('kill %1');
  await practice.until('WebServer-CPU-High', 'OK', TRANSITION_MS);
  await new Promise((r) => setTimeout(r, 2 * PERIOD_MS));
  assert.equal((await invocations('WebServer-CPU-High', TOPIC_ARN)).length, 2, 'an SNS action only on each transition');
  const ended = shell.send('jobs');
  await shell.waitFor(/\[1\]\+ {2}Terminated {14}yes > \/dev\/null/, ended);
  shell.close();

  const history = await practice.aws.cloudWatch.send(
    new DescribeAlarmHistoryCommand({
      AlarmName: 'WebServer-CPU-High',
      HistoryItemType: 'StateUpdate',
      ScanBy: 'TimestampAscending',
    }),
  );
  assert.deepEqual(
    history.AlarmHistoryItems?.map((h) => h.HistorySummary),
    ['Alarm updated from INSUFFICIENT_DATA to OK', 'Alarm updated from OK to ALARM', 'Alarm updated from ALARM to OK'],
  );
  const change = JSON.parse(history.AlarmHistoryItems?.[1]?.HistoryData ?? '{}') as {
    oldState?: { stateValue?: string };
    newState?: { stateValue?: string; stateReason?: string };
  };
  assert.equal(change.oldState?.stateValue, 'OK');
  assert.equal(change.newState?.stateValue, 'ALARM');
  assert.match(change.newState?.stateReason ?? '', REASON);
});

test('~25 requests a second to WebServer put its CPU over 70 %: ALARM, and GetMetricData has the series', async () => {
  const web = await practice.webServer();
  const id = web.InstanceId ?? '';
  await cpuAlarm('WebServer-Requests', id);
  await practice.until('WebServer-Requests', 'OK', TRANSITION_MS);
  let sending = true;
  const load = (async () => {
    while (sending) {
      void webRequest(practice.server.endpoint, web.PublicIpAddress ?? '', '/');
      await new Promise((r) => setTimeout(r, 40));
    }
  })();
  try {
    const alarm = await practice.until('WebServer-Requests', 'ALARM', TRANSITION_MS);
    assert.match(alarm.alarm.StateReason ?? '', REASON);
  } finally {
    sending = false;
    await load;
  }
  await practice.until('WebServer-Requests', 'OK', TRANSITION_MS);

  const end = new Date();
  const out = await practice.aws.cloudWatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(end.getTime() - 40 * PERIOD_MS),
      EndTime: end,
      MetricDataQueries: [
        {
          Id: 'cpu',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/EC2',
              MetricName: 'CPUUtilization',
              Dimensions: [{ Name: 'InstanceId', Value: id }],
            },
            Period: 60,
            Stat: 'Maximum',
          },
        },
      ],
    }),
  );
  const series = out.MetricDataResults?.[0];
  assert.equal(series?.Id, 'cpu');
  assert.equal(series?.StatusCode, 'Complete');
  const times = (series?.Timestamps ?? []).map((t) => t.getTime());
  const values = series?.Values ?? [];
  assert.equal(times.length, values.length);
  assert.ok(times.length >= 10, `${times.length} datapoints`);
  // Newest first (ScanBy TimestampDescending, AWS's default), one datapoint per period of scaled time.
  for (let i = 1; i < times.length; i++) {
    const periods = ((times[i - 1] ?? 0) - (times[i] ?? 0)) / PERIOD_MS;
    assert.ok(periods > 0.99 && Math.abs(periods - Math.round(periods)) < 0.01, `${periods} periods apart`);
  }
  assert.ok(
    values.some((v) => v > 70),
    `loaded: ${values.join(', ')}`,
  );
  assert.ok(
    values.some((v) => v < 5),
    `idle: ${values.join(', ')}`,
  );
});

test('an alarm on a dimension no instance has (a wrong id, an empty group) stays INSUFFICIENT_DATA', async () => {
  // As on AWS, an evaluation that finds the same state changes nothing: the reason stays the creation's.
  await cpuAlarm('Nobody-CPU', 'i-0123456789abcdef0');
  await cpuAlarm('Empty-Group-CPU', '', {
    Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'WebServer-ASG' }],
  });
  await new Promise((r) => setTimeout(r, 4 * PERIOD_MS));
  for (const name of ['Nobody-CPU', 'Empty-Group-CPU']) {
    const alarm = await practice.alarm(name);
    assert.equal(alarm.StateValue, 'INSUFFICIENT_DATA');
    assert.equal(alarm.StateReason, 'Unchecked: Initial alarm creation');
  }
});

test('a t3.micro with one `yes` is at ~50 % (one of two vCPUs); stopped, the burner dies and the alarm has no data', async () => {
  const web = await practice.webServer();
  const run = await practice.aws.ec2.send(
    new RunInstancesCommand({
      ImageId: web.ImageId,
      InstanceType: 't3.micro',
      KeyName: web.KeyName,
      SubnetId: web.SubnetId,
      SecurityGroupIds: (web.SecurityGroups ?? []).map((g) => g.GroupId ?? ''),
      MinCount: 1,
      MaxCount: 1,
    }),
  );
  const id = run.Instances?.[0]?.InstanceId ?? '';
  await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [id] });
  await cpuAlarm('Small-CPU', id, { Threshold: 40 });
  await practice.until('Small-CPU', 'OK', TRANSITION_MS);
  const shell = await ptyShell(await practice.ssh(id));
  await shell.waitFor(/\[1\] \d+/, shell.send('yes > /dev/null &'));
  await practice.until('Small-CPU', 'ALARM', TRANSITION_MS);
  await new Promise((r) => setTimeout(r, 2 * PERIOD_MS));
  const stats = await practice.aws.cloudWatch.send(
    new GetMetricStatisticsCommand({
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'InstanceId', Value: id }],
      StartTime: new Date(Date.now() - 4 * PERIOD_MS),
      EndTime: new Date(),
      Period: 60,
      Statistics: ['Maximum'],
    }),
  );
  const peak = Math.max(...(stats.Datapoints ?? []).map((d) => d.Maximum ?? 0));
  assert.ok(peak > 50 && peak < 54, `one yes on two vCPUs: ${peak} %`);
  assert.ok((stats.Datapoints ?? []).every((d) => d.Unit === 'Percent'));

  await practice.aws.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
  await waitUntilInstanceStopped({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [id] });
  const gone = await practice.until('Small-CPU', 'INSUFFICIENT_DATA', TRANSITION_MS);
  assert.equal(gone.alarm.StateReason, 'Insufficient Data: 1 datapoint was unknown.');
  const burners = (practice.records().cpu?.burners ?? []).filter((b) => b.instanceId === id);
  assert.equal(burners.length, 1);
  assert.ok(burners[0]?.endedAt !== undefined, 'the burner ended with its instance');
});

test("PutMetricAlarm refuses what AWS refuses, with CloudWatch's codes and messages", async () => {
  const id = (await practice.webServer()).InstanceId ?? '';
  const refused = async (more: Partial<PutMetricAlarmCommandInput>, code: string, message: string | RegExp) => {
    const error = await rejection(
      practice.aws.cloudWatch.send(
        new PutMetricAlarmCommand({
          AlarmName: 'Bad',
          Namespace: 'AWS/EC2',
          MetricName: 'CPUUtilization',
          Dimensions: [{ Name: 'InstanceId', Value: id }],
          Statistic: 'Average',
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 70,
          ComparisonOperator: 'GreaterThanThreshold',
          ...more,
        }),
      ),
    );
    assert.equal(error.$metadata?.httpStatusCode, 400);
    assert.equal(error.Code, code, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
  };
  await refused({ Period: 45 }, 'ValidationError', 'Period must be 10, 30 or a multiple of 60');
  await refused(
    { EvaluationPeriods: 0 },
    'ValidationError',
    "1 validation error detected: Value '0' at 'evaluationPeriods' failed to satisfy constraint: Member must have value greater than or equal to 1",
  );
  await refused(
    { EvaluationPeriods: 2, DatapointsToAlarm: 3 },
    'ValidationError',
    'DatapointsToAlarm must be less than or equal to EvaluationPeriods',
  );
  await refused(
    { ComparisonOperator: 'Above' as never },
    'ValidationError',
    /^1 validation error detected: Value 'Above' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: \[/,
  );
  await refused({ ExtendedStatistic: 'p90' }, 'InvalidParameterCombination', /Statistic and ExtendedStatistic/);
  await refused({ Statistic: undefined }, 'MissingParameter', /Statistic or ExtendedStatistic/);
  await refused({ AlarmActions: ['not-an-arn'] }, 'ValidationError', 'Invalid arn syntax: not-an-arn');
  await refused(
    { AlarmActions: ['arn:aws:sns:us-east-1:123456789012:ops'] },
    'ValidationError',
    'Invalid region us-east-1 specified. Only ap-northeast-1 is supported.',
  );
  assert.ok(!(practice.records().metricAlarms ?? []).some((a) => a.name === 'Bad'), 'nothing refused was kept');
});

test('PutMetricAlarm on an existing name updates it: the new configuration, the same alarm and state', async () => {
  const id = (await practice.webServer()).InstanceId ?? '';
  await cpuAlarm('Updated', id);
  await practice.until('Updated', 'OK', TRANSITION_MS);
  await cpuAlarm('Updated', id, { Threshold: 50, AlarmDescription: 'half' });
  const alarm = await practice.alarm('Updated');
  assert.equal(alarm.Threshold, 50);
  assert.equal(alarm.AlarmDescription, 'half');
  assert.equal(alarm.StateValue, 'OK');
  assert.equal((practice.records().metricAlarms ?? []).filter((a) => a.name === 'Updated').length, 1);
});
