// CloudWatch metric alarms: what watches the groups' CPU and which scaling policies it sets off.
import { paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import type * as CW from '@aws-sdk/client-cloudwatch';
import type { AlarmState, MetricAlarm } from '../types';
import { allPages, call, type Caller } from './calls';
import { defined, iso } from './shapes';

export async function fetchMetricAlarms(c: Caller): Promise<CW.MetricAlarm[]> {
  const pager = { client: c.clients.cloudWatch, pageSize: 100, withCommand: c.counted };
  return call('cloudwatch:DescribeAlarms', () =>
    allPages(paginateDescribeAlarms(pager, { AlarmTypes: ['MetricAlarm'] }, c.options), (p) => p.MetricAlarms),
  );
}

const STATES: readonly string[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] satisfies AlarmState[];

export function mapMetricAlarm(a: CW.MetricAlarm): MetricAlarm {
  const state = a.StateValue ?? 'INSUFFICIENT_DATA';
  return defined({
    name: a.AlarmName ?? '',
    arn: a.AlarmArn ?? '',
    namespace: a.Namespace ?? '',
    metricName: a.MetricName ?? '',
    dimensions: (a.Dimensions ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' })),
    statistic: a.Statistic ?? a.ExtendedStatistic,
    period: a.Period ?? 0,
    evaluationPeriods: a.EvaluationPeriods ?? 1,
    datapointsToAlarm: a.DatapointsToAlarm,
    threshold: a.Threshold ?? 0,
    comparison: a.ComparisonOperator ?? '',
    state: (STATES.includes(state) ? state : 'INSUFFICIENT_DATA') as AlarmState,
    stateReason: a.StateReason ?? '',
    stateUpdated: iso(a.StateUpdatedTimestamp),
    alarmActions: a.AlarmActions ?? [],
    okActions: a.OKActions ?? [],
    actionsEnabled: a.ActionsEnabled ?? true,
  });
}
