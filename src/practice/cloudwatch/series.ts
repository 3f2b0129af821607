// A metric's datapoints: AWS/EC2 CPUUtilization from the CPU model (per InstanceId, per AutoScalingGroupName),
// custom namespaces from what PutMetricData kept. Periods are in scaled time (Contract 3); timestamps are wall time.
import type { MetricDimensionRecord, RegionState } from '../core/records';
import type { Clock } from '../core/world';
import { aggregate, groupInstances, instanceSamples, type CpuDatapoint, type CpuSample } from '../machine/cpu';

export type Datapoint = CpuDatapoint;

export interface MetricId {
  namespace: string;
  metricName: string;
  dimensions: readonly MetricDimensionRecord[];
}

/** The EC2 metrics the practice account models. */
export const EC2_NAMESPACE = 'AWS/EC2';
export const CPU_METRIC = 'CPUUtilization';

function sameDimensions(a: readonly MetricDimensionRecord[], b: readonly MetricDimensionRecord[]): boolean {
  return a.length === b.length && a.every((d) => b.some((e) => e.name === d.name && e.value === d.value));
}

function cpuSamples(region: RegionState, metric: MetricId, from: number, to: number, now: number, clock: Clock) {
  if (metric.namespace !== EC2_NAMESPACE || metric.metricName !== CPU_METRIC || metric.dimensions.length !== 1)
    return [];
  const [dimension] = metric.dimensions;
  if (dimension?.name === 'InstanceId') {
    const instance = region.instances.find((i) => i.id === dimension.value);
    return instance ? instanceSamples(region, instance, from, to, now, clock) : [];
  }
  if (dimension?.name === 'AutoScalingGroupName') {
    return groupInstances(region, dimension.value).flatMap((i) => instanceSamples(region, i, from, to, now, clock));
  }
  return [];
}

/** The metric's datapoints for the periods starting in [from, to), as of `now`. */
export function metricDatapoints(
  region: RegionState,
  metric: MetricId,
  range: { from: number; to: number; period: number; now: number },
  clock: Clock,
): Datapoint[] {
  const { from, to, period, now } = range;
  if (metric.namespace === EC2_NAMESPACE) {
    return aggregate(cpuSamples(region, metric, from, to, now, clock), period, clock);
  }
  const custom = (region.customMetrics ?? []).find(
    (m) =>
      m.namespace === metric.namespace &&
      m.metricName === metric.metricName &&
      sameDimensions(m.dimensions, metric.dimensions),
  );
  const samples: CpuSample[] = [];
  for (const [at, value, count] of custom?.values ?? []) {
    if (at < from || at >= to || at > now) continue;
    for (let i = 0; i < Math.min(count, 1000); i++) samples.push({ at, value });
  }
  return aggregate(samples, period, clock);
}

/** The metrics that exist (ListMetrics): the EC2 ones of instances that ran in the last hours, and custom ones. */
export function knownMetrics(region: RegionState): MetricId[] {
  const out: MetricId[] = [];
  const seen = new Set(Object.keys(region.cpu?.runs ?? {}));
  for (const i of region.instances) if (i.state === 'running') seen.add(i.id);
  const groups = new Set<string>();
  for (const id of seen) {
    out.push({ namespace: EC2_NAMESPACE, metricName: CPU_METRIC, dimensions: [{ name: 'InstanceId', value: id }] });
    const group = region.instances.find((i) => i.id === id)?.tags['aws:autoscaling:groupName'];
    if (group) groups.add(group);
  }
  for (const group of groups) {
    out.push({
      namespace: EC2_NAMESPACE,
      metricName: CPU_METRIC,
      dimensions: [{ name: 'AutoScalingGroupName', value: group }],
    });
  }
  for (const m of region.customMetrics ?? [])
    out.push({ namespace: m.namespace, metricName: m.metricName, dimensions: m.dimensions });
  return out;
}

/** A datapoint's value for a statistic (Average, Maximum, Minimum, Sum, SampleCount) or percentile (p90, p99.9). */
export function statisticValue(point: Datapoint, statistic: string): number | undefined {
  switch (statistic) {
    case 'Average':
      return point.average;
    case 'Maximum':
      return point.maximum;
    case 'Minimum':
      return point.minimum;
    case 'Sum':
      return point.sum;
    case 'SampleCount':
      return point.sampleCount;
  }
  const percentile = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(statistic);
  if (!percentile) return undefined;
  const sorted = [...point.samples].sort((a, b) => a - b);
  const rank = Math.ceil((Number(percentile[1]) / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}
