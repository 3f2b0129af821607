// CloudWatch's records (alarms, their history, the invocations of their actions, custom metric data) and the
// simulated CPU's state (src/practice/machine/cpu.ts). Plain JSON, all optional in RegionState (older state
// files load). Times are ISO 8601 strings unless a field says epoch milliseconds (the CPU's compact buckets).
import type { Tags } from './tags';

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface MetricDimensionRecord {
  name: string;
  value: string;
}

export interface MetricAlarmRecord {
  name: string;
  arn: string;
  description?: string;
  namespace: string;
  metricName: string;
  dimensions: MetricDimensionRecord[];
  /** One of these two (PutMetricAlarm refuses both or neither). */
  statistic?: string;
  extendedStatistic?: string;
  /** Seconds of (scaled) time. */
  period: number;
  unit?: string;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  threshold: number;
  comparison: string;
  /** Absent: 'missing', AWS's default. */
  treatMissingData?: string;
  evaluateLowSampleCountPercentile?: string;
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  state: AlarmStateValue;
  stateReason: string;
  /** JSON text, as AWS gives it. */
  stateReasonData?: string;
  /** When the state (or its reason) was last updated. */
  stateUpdated: string;
  /** When the state last changed value. */
  stateTransitioned: string;
  configurationUpdated: string;
  /** The end of the last period evaluated (epoch ms, wall time): the advancer evaluates each period once. */
  evaluatedUntil?: number;
  tags: Tags;
}

/** An alarm action due (Contract 2): P1's advancer drains the Auto Scaling policy ones. */
export interface AlarmInvocationRecord {
  alarmName: string;
  alarmArn: string;
  actionArn: string;
  state: AlarmStateValue;
  at: string;
}

/** DescribeAlarmHistory's items, AWS's words in `summary`, its JSON in `data`. */
export interface AlarmHistoryRecord {
  alarmName: string;
  alarmType: 'MetricAlarm';
  timestamp: string;
  type: 'ConfigurationUpdate' | 'StateUpdate' | 'Action';
  summary: string;
  data: string;
}

/** PutMetricData's values for one metric (custom namespaces), bounded to the last hours. */
export interface CustomMetricRecord {
  namespace: string;
  metricName: string;
  dimensions: MetricDimensionRecord[];
  unit?: string;
  /** [epoch ms, average, sample count]: a value is one sample; a StatisticSet its average over SampleCount. */
  values: [number, number, number][];
}

/** A CPU burner started in an instance's shell (`yes > /dev/null &`, `stress --cpu N`). */
export interface BurnerRecord {
  instanceId: string;
  pid: number;
  /** The shell's job number (`[1]`), when started in the background. */
  job?: number;
  command: string;
  /** vCPUs it keeps busy. */
  vcpus: number;
  /** Epoch ms (wall). */
  startedAt: number;
  /** Epoch ms: killed, its timeout, or its instance stopped. */
  endedAt?: number;
}

/** The simulated CPU's state (cpu.ts). */
export interface CpuRecord {
  /** Requests served per instance: [bucket start (epoch ms), count], oldest first. */
  requests: Record<string, [number, number][]>;
  burners: BurnerRecord[];
  /** When each instance ran, as the advancer saw it: [from, to?] in epoch ms. */
  runs: Record<string, [number, number?][]>;
  nextPid: number;
}
