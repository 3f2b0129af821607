// Alarm evaluation over a fake clock: evaluateAlarm's M of N and TreatMissingData in AWS's words, and the
// advancer over a region with one instance whose burner starts and ends — periods in scaled time, the first
// evaluation at the end of the creation's period, catch-up bounded, Auto Scaling actions repeated every period in
// ALARM and others only on a transition, invocations older than an hour dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { putMetricAlarmRecord } from '../../../../src/practice/cloudwatch/alarmRecords';
import { advanceCloudWatch, evaluateAlarm, type EvaluatedPeriod } from '../../../../src/practice/cloudwatch/evaluate';
import {
  emptyRegion,
  type InstanceRecord,
  type MetricAlarmRecord,
  type RegionState,
} from '../../../../src/practice/core/records';
import type { Clock } from '../../../../src/practice/core/world';
import { countRequest, instanceCpu, startBurner } from '../../../../src/practice/machine/cpu';

const T0 = Date.parse('2026-12-02T06:00:00.000Z');
const MIN = 60_000;

function fakeClock(start: number, speed: Clock['speed'] = 1): Clock & { set(ms: number): void } {
  let now = start;
  return { speed, now: () => new Date(now), after: (ms) => new Date(now + ms), set: (ms) => void (now = ms) };
}

function alarm(more: Partial<MetricAlarmRecord> = {}): MetricAlarmRecord {
  const region = emptyRegion();
  return Object.assign(
    putMetricAlarmRecord(region, {
      name: 'high',
      regionName: 'ap-northeast-1',
      now: new Date(T0),
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensions: [{ name: 'InstanceId', value: 'i-1' }],
      statistic: 'Average',
      period: 60,
      evaluationPeriods: 1,
      threshold: 70,
      comparison: 'GreaterThanThreshold',
    }),
    more,
  );
}

const periods = (...values: (number | undefined)[]): EvaluatedPeriod[] =>
  values.map((value, i) =>
    value === undefined ? { start: T0 + i * MIN } : { start: T0 + i * MIN, value, sampleCount: 1 },
  );

test("one datapoint over the threshold: ALARM in AWS's words; under it: OK; none: INSUFFICIENT_DATA", () => {
  const now = new Date(T0 + MIN);
  const high = evaluateAlarm(alarm(), periods(85.3), now);
  assert.equal(high?.state, 'ALARM');
  assert.equal(
    high?.reason,
    'Threshold Crossed: 1 datapoint [85.3 (02/12/26 06:00:00)] was greater than the threshold (70.0).',
  );
  assert.deepEqual(JSON.parse(high?.reasonData ?? '{}'), {
    version: '1.0',
    queryDate: '2026-12-02T06:01:00.000+0000',
    startDate: '2026-12-02T06:00:00.000+0000',
    statistic: 'Average',
    period: 60,
    recentDatapoints: [85.3],
    threshold: 70,
    evaluatedDatapoints: [{ timestamp: '2026-12-02T06:00:00.000+0000', sampleCount: 1, value: 85.3 }],
  });
  const low = evaluateAlarm(alarm(), periods(2), now);
  assert.equal(low?.state, 'OK');
  assert.equal(
    low?.reason,
    'Threshold Crossed: 1 datapoint [2.0 (02/12/26 06:00:00)] was not greater than the threshold (70.0).',
  );
  const none = evaluateAlarm(alarm(), periods(undefined), now);
  assert.equal(none?.state, 'INSUFFICIENT_DATA');
  assert.equal(none?.reason, 'Insufficient Data: 1 datapoint was unknown.');
});

test('M of N: DatapointsToAlarm of EvaluationPeriods breaching is ALARM, newest first in the reason', () => {
  const twoOfThree = alarm({ evaluationPeriods: 3, datapointsToAlarm: 2 });
  const now = new Date(T0 + 3 * MIN);
  const result = evaluateAlarm(twoOfThree, periods(90, 10, 95), now);
  assert.equal(result?.state, 'ALARM');
  assert.equal(
    result?.reason,
    'Threshold Crossed: 2 out of the last 3 datapoints [95.0 (02/12/26 06:02:00), 10.0 (02/12/26 06:01:00), 90.0 (02/12/26 06:00:00)] were greater than the threshold (70.0) (minimum 2 datapoints for OK -> ALARM transition).',
  );
  assert.equal(evaluateAlarm(twoOfThree, periods(90, 10, 20), now)?.state, 'OK');
  const lessThan = alarm({ comparison: 'LessThanOrEqualToThreshold', threshold: 30, evaluationPeriods: 2 });
  assert.equal(evaluateAlarm(lessThan, periods(30, 12.5), now)?.state, 'ALARM');
  assert.equal(evaluateAlarm(lessThan, periods(31, 12.5), now)?.state, 'OK');
});

test('TreatMissingData: missing ignores gaps, breaching counts them, notBreaching does not, ignore keeps the state', () => {
  const now = new Date(T0 + 3 * MIN);
  const of = (treat: string) => alarm({ evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: treat });
  assert.equal(evaluateAlarm(of('missing'), periods(90, undefined, 95), now)?.state, 'OK');
  assert.equal(evaluateAlarm(of('missing'), periods(undefined, undefined, undefined), now)?.state, 'INSUFFICIENT_DATA');
  assert.equal(evaluateAlarm(of('breaching'), periods(90, undefined, 95), now)?.state, 'ALARM');
  assert.equal(evaluateAlarm(of('notBreaching'), periods(90, undefined, 95), now)?.state, 'OK');
  assert.equal(evaluateAlarm(of('ignore'), periods(undefined, undefined, undefined), now), undefined);
  const allMissing = evaluateAlarm(of('notBreaching'), periods(undefined, undefined, undefined), now);
  assert.equal(allMissing?.state, 'OK');
  assert.equal(
    allMissing?.reason,
    'Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [NonBreaching].',
  );
});

function regionWithInstance(type = 't2.micro'): RegionState {
  const region = emptyRegion();
  region.instances.push({
    id: 'i-1',
    type,
    state: 'running',
    launchTime: new Date(T0 - 10 * MIN).toISOString(),
    tags: {},
  } as unknown as InstanceRecord);
  return region;
}

test('the advancer: first evaluation at the end of the creation period, ALARM with a burner, OK when it ends', () => {
  const clock = fakeClock(T0 + 20_000);
  const region = regionWithInstance();
  const made = putMetricAlarmRecord(region, {
    name: 'high',
    regionName: 'ap-northeast-1',
    now: clock.now(),
    namespace: 'AWS/EC2',
    metricName: 'CPUUtilization',
    dimensions: [{ name: 'InstanceId', value: 'i-1' }],
    statistic: 'Average',
    period: 60,
    evaluationPeriods: 1,
    threshold: 70,
    comparison: 'GreaterThanThreshold',
    alarmActions: [
      'arn:aws:autoscaling:ap-northeast-1:123456789012:scalingPolicy:p:autoScalingGroupName/g:policyName/out',
    ],
    okActions: ['arn:aws:sns:ap-northeast-1:123456789012:ops'],
  });
  advanceCloudWatch(region, clock.now(), clock);
  assert.equal(made.state, 'INSUFFICIENT_DATA', 'not evaluated before its period ends');
  clock.set(T0 + MIN + 1);
  advanceCloudWatch(region, clock.now(), clock);
  assert.equal(made.state, 'OK');
  assert.equal(made.stateTransitioned, new Date(T0 + MIN).toISOString(), 'evaluated at the period boundary');

  startBurner(region, { instanceId: 'i-1', command: 'yes', vcpus: 1, now: new Date(T0 + MIN + 1) }, clock);
  clock.set(T0 + 2 * MIN + 1);
  advanceCloudWatch(region, clock.now(), clock);
  assert.equal(made.state, 'ALARM');
  assert.match(made.stateReason, /^Threshold Crossed: 1 datapoint \[(\d+\.\d+) \(02\/12\/26 06:01:00\)\] was greater/);
  // Three more periods in ALARM, caught up in one advance: the scaling policy invoked each period, SNS not.
  clock.set(T0 + 5 * MIN + 1);
  advanceCloudWatch(region, clock.now(), clock);
  const byAction = (part: string) => (region.alarmInvocations ?? []).filter((i) => i.actionArn.includes(part));
  assert.deepEqual(
    byAction('autoscaling').map((i) => i.at),
    [2, 3, 4, 5].map((m) => new Date(T0 + m * MIN).toISOString()),
  );
  assert.deepEqual(
    byAction('sns').map((i) => i.state),
    ['OK'],
  );

  const burner = region.cpu?.burners[0];
  assert.ok(burner);
  burner.endedAt = T0 + 5 * MIN + 1;
  clock.set(T0 + 7 * MIN + 1);
  advanceCloudWatch(region, clock.now(), clock);
  assert.equal(made.state, 'OK');
  assert.deepEqual(
    byAction('sns').map((i) => i.state),
    ['OK', 'OK'],
  );

  // An hour later the queue keeps nothing older than an hour (Contract 2).
  clock.set(T0 + 70 * MIN + 1);
  advanceCloudWatch(region, clock.now(), clock);
  assert.deepEqual(byAction('sns'), []);
});

test("periods run in scaled time: at speed 10 a 300 s period lasts 30 s; 'instant' runs at 600, never zero", () => {
  for (const [speed, periodMs] of [
    [10, 30_000],
    ['instant', 500],
  ] as const) {
    const clock = fakeClock(T0, speed);
    const region = regionWithInstance();
    const made = putMetricAlarmRecord(region, {
      name: 'slow',
      regionName: 'ap-northeast-1',
      now: clock.now(),
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensions: [{ name: 'InstanceId', value: 'i-1' }],
      statistic: 'Average',
      period: 300,
      evaluationPeriods: 1,
      threshold: 70,
      comparison: 'GreaterThanThreshold',
    });
    clock.set(T0 + periodMs - 1);
    advanceCloudWatch(region, clock.now(), clock);
    assert.equal(made.state, 'INSUFFICIENT_DATA', `speed ${speed}: not before the period's end`);
    clock.set(T0 + periodMs);
    advanceCloudWatch(region, clock.now(), clock);
    assert.equal(made.state, 'OK', `speed ${speed}: evaluated at ${periodMs} ms`);
  }
});

test('a t3.micro (2 vCPUs) with one yes is at ~50 %; ~20 requests a second put a t2.micro at ~80 %', () => {
  const clock = fakeClock(T0);
  const small = regionWithInstance('t3.micro');
  startBurner(small, { instanceId: 'i-1', command: 'yes', vcpus: 1, now: new Date(T0 - MIN) }, clock);
  const half = instanceCpu(small, 'i-1', new Date(T0), clock) ?? 0;
  assert.ok(half > 51 && half <= 53, `${half} %`);
  const web = regionWithInstance('t2.micro');
  for (let ms = 0; ms < MIN; ms += 50) countRequest(web, 'i-1', new Date(T0 - MIN + ms), clock);
  const busy = instanceCpu(web, 'i-1', new Date(T0), clock) ?? 0;
  assert.ok(busy > 78 && busy < 84, `${busy} %`);
  assert.equal(instanceCpu(emptyRegion(), 'i-1', new Date(T0), clock), undefined);
});
