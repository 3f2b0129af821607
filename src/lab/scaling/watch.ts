// The scaling watch: a group polled at a steady pace into a ScalingTimeline (samples.ts) that the editor charts and
// 3.4/3.5 decide from. Bounded per tick: one DescribeAutoScalingGroups, one DescribeTargetHealth per target group
// of the group, one GetMetricData (the group's average CPU), one DescribeAlarms (one page, the group's kept), one
// DescribeScalingActivities (the latest). A tick that is throttled or unanswered is skipped, not fatal.
import { DescribeAutoScalingGroupsCommand, DescribeScalingActivitiesCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand, GetMetricDataCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../../aws/clients';
import { call, type Aws } from '../../aws/actions/call';
import { AwsError } from '../../aws/errors';
import type { LoadFigures } from './load';
import type { AlarmState, ScalingInstanceSample, ScalingSample, ScalingTimeline } from './samples';

/** Samples kept by default: half an hour at one every 2 s. */
export const MAX_SAMPLES = 900;
/** How far back the CPU is asked for: enough for a 5-minute datapoint (basic monitoring) to be there. */
const CPU_LOOKBACK_MS = 15 * 60_000;

export interface WatchOptions {
  readonly signal: AbortSignal;
  /** Between two samples. */
  readonly everyMs: number;
  /** The load's figures, when one runs: its rate goes into each sample. */
  readonly load?: () => LoadFigures | undefined;
  readonly onSample?: (timeline: ScalingTimeline) => void;
  /** Samples kept (oldest dropped first); default MAX_SAMPLES. */
  readonly maxSamples?: number;
}

const ALARM_STATES: readonly string[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

/** Whether an alarm is the group's: on its metric (its dimension), or invoking one of its policies. */
export function alarmOfGroup(alarm: MetricAlarm, groupName: string): boolean {
  const onGroup = (alarm.Dimensions ?? []).some((d) => d.Name === 'AutoScalingGroupName' && d.Value === groupName);
  // A policy's ARN names its group: …:scalingPolicy:<uuid>:autoScalingGroupName/<group>:policyName/<name>.
  const policyOf = (arn: string) => arn.includes(`:autoScalingGroupName/${groupName}:`);
  return onGroup || [...(alarm.AlarmActions ?? []), ...(alarm.OKActions ?? [])].some(policyOf);
}

/** The lines the chart draws: a target tracking policy's target, else the high and low alarms' thresholds. */
export function thresholdsOf(alarms: readonly ScalingSample['alarms'][number][]): ScalingTimeline['thresholds'] {
  const tracking = alarms.find((a) => /^TargetTracking-.*-AlarmHigh-/.test(a.name));
  if (tracking) return { target: tracking.threshold };
  const high = alarms.find((a) => a.comparison.startsWith('GreaterThan'));
  const low = alarms.find((a) => a.comparison.startsWith('LessThan'));
  return { ...(high ? { high: high.threshold } : {}), ...(low ? { low: low.threshold } : {}) };
}

/** A failure worth skipping one tick for (the next one asks again). */
function passing(error: unknown): boolean {
  if (!(error instanceof AwsError)) return false;
  return error.problem.kind === 'throttled' || error.problem.kind === 'network' || error.problem.kind === 'service';
}

/** One sample of the group, or undefined when the group is not there (not yet, or no more). */
export async function sampleScaling(
  clients: AwsClients,
  groupName: string,
  signal: AbortSignal,
  load?: LoadFigures,
): Promise<ScalingSample | undefined> {
  const aws: Aws = { clients, signal };
  const at = Date.now();
  const described = await call(aws, 'autoscaling:DescribeAutoScalingGroups', (o) =>
    clients.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }), o),
  );
  const group = described.AutoScalingGroups?.find((g) => g.AutoScalingGroupName === groupName);
  if (!group) return undefined;
  const [health, cpu, alarms, activity] = await Promise.all([
    Promise.all(
      (group.TargetGroupARNs ?? []).map((arn) =>
        call(aws, 'elasticloadbalancing:DescribeTargetHealth', (o) =>
          clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }), o),
        ),
      ),
    ),
    call(aws, 'cloudwatch:GetMetricData', (o) =>
      clients.cloudWatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(at - CPU_LOOKBACK_MS),
          EndTime: new Date(at + 60_000),
          ScanBy: 'TimestampDescending',
          MetricDataQueries: [
            {
              Id: 'cpu',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/EC2',
                  MetricName: 'CPUUtilization',
                  Dimensions: [{ Name: 'AutoScalingGroupName', Value: groupName }],
                },
                Period: 60,
                Stat: 'Average',
              },
            },
          ],
        }),
        o,
      ),
    ),
    call(aws, 'cloudwatch:DescribeAlarms', (o) =>
      clients.cloudWatch.send(new DescribeAlarmsCommand({ MaxRecords: 100, AlarmTypes: ['MetricAlarm'] }), o),
    ),
    call(aws, 'autoscaling:DescribeScalingActivities', (o) =>
      clients.autoScaling.send(
        new DescribeScalingActivitiesCommand({ AutoScalingGroupName: groupName, MaxRecords: 1 }),
        o,
      ),
    ),
  ]);
  const targetHealth = new Map<string, string>();
  for (const answer of health)
    for (const d of answer.TargetHealthDescriptions ?? []) {
      const id = d.Target?.Id;
      if (id && !targetHealth.has(id) && d.TargetHealth?.State) targetHealth.set(id, d.TargetHealth.State);
    }
  const instances: ScalingInstanceSample[] = (group.Instances ?? []).map((i) => {
    const th = targetHealth.get(i.InstanceId ?? '');
    return {
      id: i.InstanceId ?? '',
      az: i.AvailabilityZone ?? '',
      lifecycle: i.LifecycleState ?? '',
      health: i.HealthStatus ?? '',
      ...(th ? { targetHealth: th } : {}),
    };
  });
  const series = cpu.MetricDataResults?.find((r) => r.Id === 'cpu');
  const cpuAverage = series?.Values?.[0];
  const groupAlarms = (alarms.MetricAlarms ?? [])
    .filter((a) => alarmOfGroup(a, groupName))
    .map((a) => ({
      name: a.AlarmName ?? '',
      state: (ALARM_STATES.includes(a.StateValue ?? '') ? a.StateValue : 'INSUFFICIENT_DATA') as AlarmState,
      threshold: a.Threshold ?? 0,
      comparison: a.ComparisonOperator ?? '',
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const latest = activity.Activities?.[0]?.Description;
  return {
    at,
    ...(cpuAverage !== undefined ? { cpuAverage: Math.round(cpuAverage * 10) / 10 } : {}),
    alarms: groupAlarms,
    desired: group.DesiredCapacity ?? 0,
    inService: instances.filter((i) => i.lifecycle === 'InService').length,
    min: group.MinSize ?? 0,
    max: group.MaxSize ?? 0,
    instances,
    ...(load ? { requestsPerSecond: load.requestsPerSecond } : {}),
    ...(latest ? { activity: latest } : {}),
  };
}

/** A pause the signal ends early. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Samples the group every `everyMs` until the signal aborts; each sample is reported with the timeline so far. Resolves
 * with the timeline once aborted; rejects with the AwsError of a failure that asking again will not cure (denied).
 */
export async function watchScaling(
  clients: AwsClients,
  groupName: string,
  options: WatchOptions,
): Promise<ScalingTimeline> {
  const keep = Math.max(1, options.maxSamples ?? MAX_SAMPLES);
  const samples: ScalingSample[] = [];
  let thresholds: ScalingTimeline['thresholds'] = {};
  while (!options.signal.aborted) {
    const started = Date.now();
    try {
      const sample = await sampleScaling(clients, groupName, options.signal, options.load?.());
      if (sample) {
        samples.push(sample);
        if (samples.length > keep) samples.splice(0, samples.length - keep);
        if (sample.alarms.length > 0) thresholds = thresholdsOf(sample.alarms);
        options.onSample?.({ groupName, samples: [...samples], thresholds });
      }
    } catch (error) {
      if (options.signal.aborted) break;
      if (!passing(error)) throw error;
    }
    await pause(Math.max(0, options.everyMs - (Date.now() - started)), options.signal);
  }
  return { groupName, samples, thresholds };
}
