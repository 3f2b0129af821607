// Creating, updating and deleting alarm records: PutMetricAlarm/DeleteAlarms use these, and so do other services
// that make alarms of their own (Auto Scaling's target tracking, Contract 2: it imports this file, never the reverse).
// Validation of the wire input is the handler's (alarms.ts); here the spec is taken as valid.
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import type { AlarmHistoryRecord, MetricAlarmRecord, MetricDimensionRecord, RegionState, Tags } from '../core/records';

/** What makes an alarm (PutMetricAlarm's parameters, in records' terms). */
export interface MetricAlarmSpec {
  name: string;
  /** The region's name (the alarm's ARN names it). */
  regionName: string;
  now: Date;
  description?: string;
  namespace: string;
  metricName: string;
  dimensions: MetricDimensionRecord[];
  statistic?: string;
  extendedStatistic?: string;
  period: number;
  unit?: string;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  threshold: number;
  /** GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold. */
  comparison: string;
  treatMissingData?: string;
  evaluateLowSampleCountPercentile?: string;
  /** Absent: true, as AWS. */
  actionsEnabled?: boolean;
  alarmActions?: string[];
  okActions?: string[];
  insufficientDataActions?: string[];
  /** Tags for a new alarm (an update keeps the alarm's tags, as AWS). */
  tags?: Tags;
}

/** At most this many history items per region (AWS keeps 30 days; the practice account, the latest). */
const HISTORY_LIMIT = 2_000;

export function alarmArn(regionName: string, name: string): string {
  return `arn:aws:cloudwatch:${regionName}:${PRACTICE_ACCOUNT_ID}:alarm:${name}`;
}

export function alarmsOf(region: RegionState): MetricAlarmRecord[] {
  return (region.metricAlarms ??= []);
}

export function addAlarmHistory(region: RegionState, item: AlarmHistoryRecord): void {
  const history = (region.alarmHistory ??= []);
  history.push(item);
  if (history.length > HISTORY_LIMIT) history.splice(0, history.length - HISTORY_LIMIT);
}

/** Creates the alarm, or replaces an existing one's configuration (its state, history and tags stay, as on AWS). */
export function putMetricAlarmRecord(region: RegionState, spec: MetricAlarmSpec): MetricAlarmRecord {
  const alarms = alarmsOf(region);
  const at = spec.now.toISOString();
  const existing = alarms.find((a) => a.name === spec.name);
  const config = {
    name: spec.name,
    arn: alarmArn(spec.regionName, spec.name),
    description: spec.description,
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: spec.dimensions.map((d) => ({ name: d.name, value: d.value })),
    statistic: spec.statistic,
    extendedStatistic: spec.extendedStatistic,
    period: spec.period,
    unit: spec.unit,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm,
    threshold: spec.threshold,
    comparison: spec.comparison,
    treatMissingData: spec.treatMissingData,
    evaluateLowSampleCountPercentile: spec.evaluateLowSampleCountPercentile,
    actionsEnabled: spec.actionsEnabled ?? true,
    alarmActions: [...(spec.alarmActions ?? [])],
    okActions: [...(spec.okActions ?? [])],
    insufficientDataActions: [...(spec.insufficientDataActions ?? [])],
    configurationUpdated: at,
  };
  let record: MetricAlarmRecord;
  if (existing) {
    // A new configuration is evaluated afresh from the next period on; the state stays until then.
    record = Object.assign(existing, config, { evaluatedUntil: undefined });
  } else {
    record = {
      ...config,
      state: 'INSUFFICIENT_DATA',
      stateReason: 'Unchecked: Initial alarm creation',
      stateUpdated: at,
      stateTransitioned: at,
      tags: { ...(spec.tags ?? {}) },
    };
    alarms.push(record);
  }
  addAlarmHistory(region, {
    alarmName: spec.name,
    alarmType: 'MetricAlarm',
    timestamp: at,
    type: 'ConfigurationUpdate',
    summary: existing ? `Alarm "${spec.name}" updated` : `Alarm "${spec.name}" created`,
    data: JSON.stringify({
      version: '1.0',
      type: existing ? 'Update' : 'Create',
      updatedAlarm: historyConfiguration(record),
    }),
  });
  return record;
}

/** Deletes the named alarms (names not found are skipped); the names deleted. */
export function deleteMetricAlarmRecords(region: RegionState, names: readonly string[], now = new Date()): string[] {
  const alarms = alarmsOf(region);
  const wanted = new Set(names);
  const deleted = alarms.filter((a) => wanted.has(a.name));
  region.metricAlarms = alarms.filter((a) => !wanted.has(a.name));
  for (const alarm of deleted) {
    addAlarmHistory(region, {
      alarmName: alarm.name,
      alarmType: 'MetricAlarm',
      timestamp: now.toISOString(),
      type: 'ConfigurationUpdate',
      summary: `Alarm "${alarm.name}" deleted`,
      data: JSON.stringify({ version: '1.0', type: 'Delete', deletedAlarm: historyConfiguration(alarm) }),
    });
  }
  return deleted.map((a) => a.name);
}

/** The alarm's configuration as AWS writes it in a ConfigurationUpdate history item. */
function historyConfiguration(alarm: MetricAlarmRecord): object {
  return {
    alarmName: alarm.name,
    alarmArn: alarm.arn,
    ...(alarm.description !== undefined ? { alarmDescription: alarm.description } : {}),
    metricName: alarm.metricName,
    namespace: alarm.namespace,
    ...(alarm.statistic ? { statistic: alarm.statistic.toUpperCase().replace('SAMPLECOUNT', 'SAMPLE_COUNT') } : {}),
    ...(alarm.extendedStatistic ? { extendedStatistic: alarm.extendedStatistic } : {}),
    dimensions: alarm.dimensions.map((d) => ({ name: d.name, value: d.value })),
    period: alarm.period,
    evaluationPeriods: alarm.evaluationPeriods,
    ...(alarm.datapointsToAlarm !== undefined ? { datapointsToAlarm: alarm.datapointsToAlarm } : {}),
    threshold: alarm.threshold,
    comparisonOperator: alarm.comparison,
    treatMissingData: alarm.treatMissingData ?? 'missing',
    actionsEnabled: alarm.actionsEnabled,
    alarmActions: alarm.alarmActions,
    okActions: alarm.okActions,
    insufficientDataActions: alarm.insufficientDataActions,
    stateValue: alarm.state,
  };
}
