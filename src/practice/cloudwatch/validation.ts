// PutMetricAlarm's validation, with CloudWatch's error codes and messages.
import type { PutMetricAlarmInput } from '@aws-sdk/client-cloudwatch';
import { PracticeError } from '../core/errors';
import type { MetricAlarmSpec } from './alarmRecords';

export const COMPARISONS = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
] as const;
/** The enum as AWS lists it in its constraint message (the anomaly-band operators included). */
const COMPARISON_ENUM =
  '[LessThanLowerOrGreaterThanUpperThreshold, LessThanOrEqualToThreshold, LessThanThreshold, LessThanLowerThreshold, GreaterThanOrEqualToThreshold, GreaterThanUpperThreshold, GreaterThanThreshold]';
export const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
const TREAT_MISSING = ['breaching', 'notBreaching', 'ignore', 'missing'];
const ARN = /^arn:aws:([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/;
/** The EC2 alarm actions (stop, terminate, reboot, recover) have no account. */
const EC2_ACTION = /^arn:aws:automate:([a-z0-9-]+):ec2:(stop|terminate|reboot|recover)$/;

export function validationError(message: string): PracticeError {
  return new PracticeError('ValidationError', message);
}

export function constraint(value: unknown, member: string, rule: string): PracticeError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return validationError(
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${rule}`,
  );
}

export function required<T>(value: T | undefined, member: string): T {
  if (value === undefined || value === null) throw constraint(undefined, member, 'Member must not be null');
  return value;
}

export function checkPeriod(period: number): void {
  if (period < 1) throw constraint(period, 'period', 'Member must have value greater than or equal to 1');
  if (![10, 30].includes(period) && period % 60 !== 0)
    throw validationError('Period must be 10, 30 or a multiple of 60');
}

function checkActions(actions: readonly string[] | undefined, member: string, region: string): void {
  if ((actions?.length ?? 0) > 5)
    throw constraint(`[${actions?.join(', ')}]`, member, 'Member must have length less than or equal to 5');
  for (const arn of actions ?? []) {
    const ec2 = EC2_ACTION.exec(arn);
    const parsed = ARN.exec(arn);
    if (!ec2 && !parsed) throw validationError(`Invalid arn syntax: ${arn}`);
    const arnRegion = ec2?.[1] ?? parsed?.[2] ?? '';
    if (arnRegion !== region)
      throw validationError(`Invalid region ${arnRegion} specified. Only ${region} is supported.`);
  }
}

/** The spec a valid PutMetricAlarm makes; throws AWS's error for an invalid one. */
export function alarmSpec(input: PutMetricAlarmInput, region: string, now: Date): MetricAlarmSpec {
  const name = required(input.AlarmName, 'alarmName');
  if (name.length < 1 || name.length > 255)
    throw constraint(name, 'alarmName', 'Member must have length less than or equal to 255');
  if (input.Metrics?.length)
    throw validationError('The practice account supports alarms on a single metric (MetricName), not on Metrics.');
  const metricName = required(input.MetricName, 'metricName');
  const namespace = required(input.Namespace, 'namespace');
  const evaluationPeriods = required(input.EvaluationPeriods, 'evaluationPeriods');
  if (evaluationPeriods < 1)
    throw constraint(evaluationPeriods, 'evaluationPeriods', 'Member must have value greater than or equal to 1');
  const comparison = required(input.ComparisonOperator, 'comparisonOperator');
  if (!COMPARISON_ENUM.includes(comparison))
    throw constraint(comparison, 'comparisonOperator', `Member must satisfy enum value set: ${COMPARISON_ENUM}`);
  if (!(COMPARISONS as readonly string[]).includes(comparison))
    throw validationError(`Comparison operator ${comparison} is only supported for anomaly detection alarms.`);
  const threshold = input.Threshold;
  if (threshold === undefined) throw validationError('Threshold must be specified for alarms on metrics.');
  const period = required(input.Period, 'period');
  checkPeriod(period);
  if (period * evaluationPeriods > 7 * 86400)
    throw validationError('The evaluation period of the alarm (Period * EvaluationPeriods) must not exceed one week.');
  if (input.DatapointsToAlarm !== undefined) {
    if (input.DatapointsToAlarm < 1)
      throw constraint(
        input.DatapointsToAlarm,
        'datapointsToAlarm',
        'Member must have value greater than or equal to 1',
      );
    if (input.DatapointsToAlarm > evaluationPeriods)
      throw validationError('DatapointsToAlarm must be less than or equal to EvaluationPeriods');
  }
  if (input.Statistic !== undefined && input.ExtendedStatistic !== undefined)
    throw new PracticeError('InvalidParameterCombination', 'Statistic and ExtendedStatistic are mutually exclusive.');
  if (input.Statistic === undefined && input.ExtendedStatistic === undefined)
    throw new PracticeError('MissingParameter', 'Either Statistic or ExtendedStatistic must be specified.');
  if (input.Statistic !== undefined && !(STATISTICS as readonly string[]).includes(input.Statistic))
    throw constraint(
      input.Statistic,
      'statistic',
      `Member must satisfy enum value set: [Maximum, SampleCount, Sum, Minimum, Average]`,
    );
  if (input.ExtendedStatistic !== undefined && !/^p(\d{1,2}(\.\d{1,2})?|100)$/.test(input.ExtendedStatistic))
    throw validationError(`The value ${input.ExtendedStatistic} for parameter ExtendedStatistic is not supported.`);
  if (input.TreatMissingData !== undefined && !TREAT_MISSING.includes(input.TreatMissingData))
    throw validationError(
      `The value ${input.TreatMissingData} is not supported for TreatMissingData. Supported values are: breaching, notBreaching, ignore, missing.`,
    );
  if ((input.Dimensions?.length ?? 0) > 30)
    throw constraint('[...]', 'dimensions', 'Member must have length less than or equal to 30');
  for (const d of input.Dimensions ?? []) {
    required(d.Name, 'dimensions.member.name');
    required(d.Value, 'dimensions.member.value');
  }
  checkActions(input.AlarmActions, 'alarmActions', region);
  checkActions(input.OKActions, 'oKActions', region);
  checkActions(input.InsufficientDataActions, 'insufficientDataActions', region);
  return {
    name,
    regionName: region,
    now,
    description: input.AlarmDescription,
    namespace,
    metricName,
    dimensions: (input.Dimensions ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' })),
    statistic: input.Statistic,
    extendedStatistic: input.ExtendedStatistic,
    period,
    unit: input.Unit,
    evaluationPeriods,
    datapointsToAlarm: input.DatapointsToAlarm,
    threshold,
    comparison,
    treatMissingData: input.TreatMissingData,
    evaluateLowSampleCountPercentile: input.EvaluateLowSampleCountPercentile,
    actionsEnabled: input.ActionsEnabled,
    alarmActions: input.AlarmActions,
    okActions: input.OKActions,
    insufficientDataActions: input.InsufficientDataActions,
    tags: Object.fromEntries((input.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
  };
}
