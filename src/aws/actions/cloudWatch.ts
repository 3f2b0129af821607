// CloudWatch writes for track 3 (3.3): seed 002's two alarms on the group's average CPU. PutMetricAlarm creates or
// replaces an alarm by its name, so a rerun (or a create whose answer was lost) is the same alarm again.
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import type { Tags } from '../tags';
import { call, tagList, type Aws } from './call';

export interface CpuAlarmSpec {
  readonly name: string;
  readonly groupName: string;
  readonly comparison: 'GreaterThanThreshold' | 'LessThanThreshold';
  readonly threshold: number;
  /** Seconds (300 in the handout: one 5-minute period). */
  readonly period: number;
  readonly evaluationPeriods: number;
  /** What the alarm invokes in ALARM: the policy's ARN. */
  readonly alarmActions: readonly string[];
  readonly tags: Tags;
}

/** An alarm on AWS/EC2 CPUUtilization, Average, dimension AutoScalingGroupName = the group. */
export async function putCpuAlarm(aws: Aws, spec: CpuAlarmSpec): Promise<void> {
  await call(aws, 'cloudwatch:PutMetricAlarm', (o) =>
    aws.clients.cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: spec.name,
        AlarmDescription: `${spec.groupName}: average CPU ${spec.comparison === 'GreaterThanThreshold' ? '>' : '<'} ${spec.threshold} %`,
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'AutoScalingGroupName', Value: spec.groupName }],
        Statistic: 'Average',
        Period: spec.period,
        EvaluationPeriods: spec.evaluationPeriods,
        DatapointsToAlarm: spec.evaluationPeriods,
        Threshold: spec.threshold,
        ComparisonOperator: spec.comparison,
        TreatMissingData: 'missing',
        ActionsEnabled: true,
        AlarmActions: [...spec.alarmActions],
        Tags: tagList(spec.tags),
      }),
      o,
    ),
  );
}
