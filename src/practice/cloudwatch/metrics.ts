// CloudWatch's metric actions: GetMetricStatistics, GetMetricData (MetricStat queries), ListMetrics, PutMetricData.
import {
  GetMetricData$,
  GetMetricStatistics$,
  ListMetrics$,
  PutMetricData$,
  type Datapoint as DatapointShape,
  type GetMetricDataInput,
  type GetMetricDataOutput,
  type GetMetricStatisticsInput,
  type GetMetricStatisticsOutput,
  type ListMetricsInput,
  type ListMetricsOutput,
  type MetricDataResult,
  type PutMetricDataInput,
} from '@aws-sdk/client-cloudwatch';
import { action } from '../core/actions';
import { PracticeError } from '../core/errors';
import { paginate } from '../core/pagination';
import type { CustomMetricRecord, MetricDimensionRecord } from '../core/records';
import { scaledMs } from '../machine/cpu';
import { cloudWatchRules } from './alarms';
import { knownMetrics, metricDatapoints, statisticValue } from './series';
import { STATISTICS } from './validation';
import { checkPeriod, constraint, required, validationError } from './validation';

/** PutMetricData's values are kept this long (scaled time is not theirs: a student's own timestamps). */
const CUSTOM_RETENTION_MS = 3 * 3600_000;
const MAX_DATAPOINTS = 1440;

function dimensionsOf(dims: readonly { Name?: string; Value?: string }[] | undefined): MetricDimensionRecord[] {
  return (dims ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' }));
}

function checkRange(start: Date, end: Date): void {
  if (!(start.getTime() < end.getTime()))
    throw validationError('The parameter StartTime must be less than the parameter EndTime.');
}

const getMetricStatistics = action<GetMetricStatisticsInput, GetMetricStatisticsOutput>(
  GetMetricStatistics$,
  (input, context) => {
    const namespace = required(input.Namespace, 'namespace');
    const metricName = required(input.MetricName, 'metricName');
    const start = required(input.StartTime, 'startTime');
    const end = required(input.EndTime, 'endTime');
    const period = required(input.Period, 'period');
    checkPeriod(period);
    checkRange(start, end);
    const statistics = input.Statistics ?? [];
    const extended = input.ExtendedStatistics ?? [];
    if (!statistics.length && !extended.length)
      throw new PracticeError('MissingParameter', 'Must specify either Statistics or ExtendedStatistics.');
    for (const s of statistics) {
      if (!(STATISTICS as readonly string[]).includes(s))
        throw constraint(
          s,
          'statistics',
          'Member must satisfy enum value set: [Maximum, SampleCount, Sum, Minimum, Average]',
        );
    }
    const clock = context.world.clock;
    if ((end.getTime() - start.getTime()) / scaledMs(period, clock) > MAX_DATAPOINTS)
      throw new PracticeError(
        'InvalidParameterCombination',
        `You have requested up to ${Math.ceil((end.getTime() - start.getTime()) / scaledMs(period, clock))} datapoints, which exceeds the limit of ${MAX_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
      );
    const points = metricDatapoints(
      context.records,
      { namespace, metricName, dimensions: dimensionsOf(input.Dimensions) },
      { from: start.getTime(), to: end.getTime(), period, now: context.now.getTime() },
      clock,
    );
    const unit = input.Unit ?? (namespace === 'AWS/EC2' ? 'Percent' : 'None');
    const datapoints: DatapointShape[] = points.map((p) => {
      const shape: DatapointShape = { Timestamp: new Date(p.at), Unit: unit };
      for (const s of statistics) (shape as Record<string, unknown>)[s] = statisticValue(p, s);
      if (extended.length)
        shape.ExtendedStatistics = Object.fromEntries(extended.map((e) => [e, statisticValue(p, e) ?? 0]));
      return shape;
    });
    // AWS returns them in no particular order; the practice account keeps time order.
    return { Label: metricName, Datapoints: datapoints };
  },
);

const getMetricData = action<GetMetricDataInput, GetMetricDataOutput>(GetMetricData$, (input, context) => {
  const queries = required(input.MetricDataQueries, 'metricDataQueries');
  const start = required(input.StartTime, 'startTime');
  const end = required(input.EndTime, 'endTime');
  checkRange(start, end);
  if (input.ScanBy !== undefined && !['TimestampDescending', 'TimestampAscending'].includes(input.ScanBy))
    throw constraint(
      input.ScanBy,
      'scanBy',
      'Member must satisfy enum value set: [TimestampDescending, TimestampAscending]',
    );
  if (queries.length > 500)
    throw validationError('The collection MetricDataQueries must not have a size greater than 500.');
  const ids = new Set<string>();
  const results: MetricDataResult[] = [];
  for (const query of queries) {
    const id = required(query.Id, 'metricDataQueries.member.id');
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(id))
      throw validationError(
        `The value ${id} for parameter MetricDataQueries.member.Id is invalid. It must begin with a lowercase letter and contain only letters, numbers and underscores.`,
      );
    if (ids.has(id)) throw validationError(`The values for parameter id in MetricDataQueries are not unique.`);
    ids.add(id);
    if (query.Expression !== undefined)
      throw validationError('The practice account answers MetricStat queries only (no metric math Expression).');
    const stat = required(query.MetricStat, 'metricDataQueries.member.metricStat');
    const period = required(stat.Period, 'metricDataQueries.member.metricStat.period');
    checkPeriod(period);
    const metric = required(stat.Metric, 'metricDataQueries.member.metricStat.metric');
    const points = metricDatapoints(
      context.records,
      {
        namespace: metric.Namespace ?? '',
        metricName: metric.MetricName ?? '',
        dimensions: dimensionsOf(metric.Dimensions),
      },
      { from: start.getTime(), to: end.getTime(), period, now: context.now.getTime() },
      context.world.clock,
    );
    if (
      statisticValue(
        { at: 0, average: 0, minimum: 0, maximum: 0, sum: 0, sampleCount: 1, samples: [0] },
        stat.Stat ?? '',
      ) === undefined
    )
      throw validationError(
        `The value ${stat.Stat ?? ''} for parameter MetricDataQueries.member.MetricStat.Stat is not supported.`,
      );
    const series = points.map((p) => ({ at: p.at, value: statisticValue(p, stat.Stat ?? '') as number }));
    if (input.ScanBy !== 'TimestampAscending') series.reverse(); // AWS's default: newest first
    if (query.ReturnData === false) continue;
    results.push({
      Id: id,
      Label: query.Label ?? metric.MetricName,
      Timestamps: series.map((s) => new Date(s.at)),
      Values: series.map((s) => s.value),
      StatusCode: 'Complete',
      Messages: [],
    });
  }
  return { MetricDataResults: results, Messages: [] };
});

function matchesFilter(
  dims: readonly MetricDimensionRecord[],
  filters: readonly { Name?: string; Value?: string }[] | undefined,
): boolean {
  return (filters ?? []).every((f) =>
    dims.some((d) => d.name === f.Name && (f.Value === undefined || d.value === f.Value)),
  );
}

const listMetrics = action<ListMetricsInput, ListMetricsOutput>(ListMetrics$, (input, { records }) => {
  const metrics = knownMetrics(records).filter(
    (m) =>
      (input.Namespace === undefined || m.namespace === input.Namespace) &&
      (input.MetricName === undefined || m.metricName === input.MetricName) &&
      matchesFilter(m.dimensions, input.Dimensions),
  );
  const page = paginate(metrics, { token: input.NextToken }, { ...cloudWatchRules('metrics', 500), defaultSize: 500 });
  return {
    Metrics: page.items.map((m) => ({
      Namespace: m.namespace,
      MetricName: m.metricName,
      Dimensions: m.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    })),
    NextToken: page.next,
  };
});

const putMetricData = action<PutMetricDataInput, object>(PutMetricData$, (input, context) => {
  const namespace = required(input.Namespace, 'namespace');
  if (namespace.startsWith('AWS/'))
    throw new PracticeError('InvalidParameterValue', 'The value AWS/ for parameter Namespace is invalid.');
  const data = input.MetricData ?? [];
  if (data.length > 1000) throw validationError('The collection MetricData must not have a size greater than 1000.');
  const records = context.world.writableRegion(context.region);
  const custom = (records.customMetrics ??= []);
  const now = context.now.getTime();
  for (const datum of data) {
    const metricName = required(datum.MetricName, 'metricData.member.metricName');
    const dimensions = dimensionsOf(datum.Dimensions);
    let metric = custom.find(
      (m) =>
        m.namespace === namespace &&
        m.metricName === metricName &&
        m.dimensions.length === dimensions.length &&
        m.dimensions.every((d) => dimensions.some((e) => e.name === d.name && e.value === d.value)),
    );
    if (!metric) {
      metric = { namespace, metricName, dimensions, unit: datum.Unit, values: [] } satisfies CustomMetricRecord;
      custom.push(metric);
    }
    const at = datum.Timestamp?.getTime() ?? now;
    if (datum.Value !== undefined) metric.values.push([at, datum.Value, 1]);
    if (datum.StatisticValues) {
      const s = datum.StatisticValues;
      const count = s.SampleCount ?? 1;
      metric.values.push([at, (s.Sum ?? 0) / (count || 1), count]);
    }
    (datum.Values ?? []).forEach((v, i) => metric.values.push([at, v, datum.Counts?.[i] ?? 1]));
    metric.values = metric.values.filter(([t]) => t >= now - CUSTOM_RETENTION_MS).sort((a, b) => a[0] - b[0]);
  }
  context.world.changed();
  return {};
});

export const cloudWatchMetricActions = {
  GetMetricStatistics: getMetricStatistics,
  GetMetricData: getMetricData,
  ListMetrics: listMetrics,
  PutMetricData: putMetricData,
};
