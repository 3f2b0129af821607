// Scaling policies: PutScalingPolicy (simple, step, target tracking — which makes its two CloudWatch alarms
// as AWS names and sets them: AlarmHigh > target for 3 of 3 minutes, AlarmLow < 90 % of it for 15 of 15),
// DescribePolicies (with the alarms that invoke each), DeletePolicy (a target-tracking policy's alarms go too),
// ExecutePolicy. Executing is execution.ts'.
import {
  DeletePolicy$,
  DescribePolicies$,
  ExecutePolicy$,
  PutScalingPolicy$,
  type DeletePolicyType,
  type DescribePoliciesType,
  type ExecutePolicyType,
  type PoliciesType,
  type PolicyARNType,
  type PutScalingPolicyType,
  type ScalingPolicy,
} from '@aws-sdk/client-auto-scaling';
import { action, type RequestContext } from '../core/actions';
import { PracticeError, validationError } from '../core/errors';
import { autoScalingRules, paginate } from '../core/pagination';
import type { RegionState, ScalingPolicyRecord } from '../core/records';
import { deleteMetricAlarmRecords, putMetricAlarmRecord } from '../cloudwatch/alarmRecords';
import { findGroup, policyArn, required, requireNotDeleting, uuid } from './common';
import { executePolicy } from './execution';

const TYPES = ['SimpleScaling', 'StepScaling', 'TargetTrackingScaling'] as const;
const ADJUSTMENTS = ['ChangeInCapacity', 'ExactCapacity', 'PercentChangeInCapacity'] as const;
const METRICS = ['ASGAverageCPUUtilization', 'ASGAverageNetworkIn', 'ASGAverageNetworkOut', 'ALBRequestCountPerTarget'];

function policiesOf(records: RegionState): ScalingPolicyRecord[] {
  return (records.scalingPolicies ??= []);
}

/** The policy by name (within the group) or ARN. */
function findPolicy(records: RegionState, group: string | undefined, nameOrArn: string): ScalingPolicyRecord {
  const found = (records.scalingPolicies ?? []).find(
    (p) => p.arn === nameOrArn || (p.name === nameOrArn && (!group || p.groupName === group)),
  );
  if (!found) throw validationError(`No policy found with name or ARN ${nameOrArn}.`);
  return found;
}

function adjustmentTypeOf(input: PutScalingPolicyType): ScalingPolicyRecord['adjustmentType'] {
  const type = input.AdjustmentType;
  if (type === undefined)
    throw validationError(`AdjustmentType is required for policy type ${input.PolicyType ?? 'SimpleScaling'}.`);
  if (!(ADJUSTMENTS as readonly string[]).includes(type)) throw validationError(`Unsupported adjustment type: ${type}`);
  return type as ScalingPolicyRecord['adjustmentType'];
}

/** The target-tracking policy's two alarms, made (or remade) through CloudWatch's records. */
function targetTrackingAlarms(context: RequestContext, records: RegionState, policy: ScalingPolicyRecord) {
  const tt = policy.targetTracking;
  if (!tt) return [];
  const id = uuid(context.world);
  const names = policy.alarms?.map((a) => a.name) ?? [
    `TargetTracking-${policy.groupName}-AlarmHigh-${id}`,
    `TargetTracking-${policy.groupName}-AlarmLow-${uuid(context.world)}`,
  ];
  const [high = '', low = ''] = names;
  const common = {
    regionName: context.region,
    now: context.now,
    description: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policy.arn}.`,
    namespace: 'AWS/EC2',
    metricName: 'CPUUtilization',
    dimensions: [{ name: 'AutoScalingGroupName', value: policy.groupName }],
    statistic: 'Average',
    period: 60,
    alarmActions: [policy.arn],
  };
  const made = [
    putMetricAlarmRecord(records, {
      ...common,
      name: high,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: tt.targetValue,
      comparison: 'GreaterThanThreshold',
    }),
  ];
  if (!tt.disableScaleIn)
    made.push(
      putMetricAlarmRecord(records, {
        ...common,
        name: low,
        evaluationPeriods: 15,
        datapointsToAlarm: 15,
        threshold: Math.round(tt.targetValue * 0.9 * 100) / 100,
        comparison: 'LessThanThreshold',
      }),
    );
  else deleteMetricAlarmRecords(records, [low], context.now);
  return made.map((a) => ({ name: a.name, arn: a.arn }));
}

const putScalingPolicy = action<PutScalingPolicyType, PolicyARNType>(PutScalingPolicy$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const group = findGroup(records, required(input.AutoScalingGroupName, 'autoScalingGroupName'));
  requireNotDeleting(group);
  const name = required(input.PolicyName, 'policyName');
  const type = input.PolicyType ?? 'SimpleScaling';
  if (!(TYPES as readonly string[]).includes(type)) throw validationError(`Unsupported policy type: ${type}`);
  const existing = (records.scalingPolicies ?? []).find((p) => p.groupName === group.name && p.name === name);
  const policy: ScalingPolicyRecord = {
    name,
    arn: existing?.arn ?? policyArn(context.world, context.region, group.name, name),
    groupName: group.name,
    type: type as ScalingPolicyRecord['type'],
    enabled: input.Enabled ?? true,
  };
  if (type === 'SimpleScaling') {
    policy.adjustmentType = adjustmentTypeOf(input);
    policy.scalingAdjustment = input.ScalingAdjustment;
    if (policy.scalingAdjustment === undefined)
      throw validationError('ScalingAdjustment is required for policy type SimpleScaling.');
    policy.cooldown = input.Cooldown;
    policy.minAdjustmentMagnitude = input.MinAdjustmentMagnitude;
  } else if (type === 'StepScaling') {
    policy.adjustmentType = adjustmentTypeOf(input);
    if (!input.StepAdjustments?.length)
      throw validationError('StepAdjustments is required for policy type StepScaling.');
    policy.stepAdjustments = input.StepAdjustments.map((s) => ({
      lower: s.MetricIntervalLowerBound,
      upper: s.MetricIntervalUpperBound,
      adjustment: s.ScalingAdjustment ?? 0,
    }));
    policy.metricAggregationType = input.MetricAggregationType ?? 'Average';
    policy.estimatedInstanceWarmup = input.EstimatedInstanceWarmup;
    policy.minAdjustmentMagnitude = input.MinAdjustmentMagnitude;
  } else {
    const config = input.TargetTrackingConfiguration;
    if (!config)
      throw validationError('TargetTrackingConfiguration is required for policy type TargetTrackingScaling.');
    const metric = config.PredefinedMetricSpecification?.PredefinedMetricType;
    if (!metric || !METRICS.includes(metric))
      throw validationError('The practice account tracks the predefined metric ASGAverageCPUUtilization.');
    if (metric !== 'ASGAverageCPUUtilization')
      throw validationError(`The practice account does not model the metric ${metric}.`);
    const target = required(config.TargetValue, 'targetValue');
    policy.targetTracking = {
      predefinedMetric: metric,
      targetValue: target,
      disableScaleIn: config.DisableScaleIn ?? false,
    };
    policy.estimatedInstanceWarmup = input.EstimatedInstanceWarmup;
    policy.alarms = existing?.alarms;
    policy.alarms = targetTrackingAlarms(context, records, policy);
  }
  if (existing?.type === 'TargetTrackingScaling' && type !== 'TargetTrackingScaling')
    deleteMetricAlarmRecords(
      records,
      (existing.alarms ?? []).map((a) => a.name),
      context.now,
    );
  const list = policiesOf(records);
  if (existing) list[list.indexOf(existing)] = policy;
  else list.push(policy);
  context.world.changed();
  return {
    PolicyARN: policy.arn,
    Alarms: policy.alarms?.map((a) => ({ AlarmName: a.name, AlarmARN: a.arn })),
  };
});

function policyShape(p: ScalingPolicyRecord, records: RegionState): ScalingPolicy {
  // A simple or step policy's alarms are those whose actions name it (CloudWatch's records).
  const alarms =
    p.alarms ??
    (records.metricAlarms ?? [])
      .filter((a) => [...a.alarmActions, ...a.okActions, ...a.insufficientDataActions].includes(p.arn))
      .map((a) => ({ name: a.name, arn: a.arn }));
  return {
    AutoScalingGroupName: p.groupName,
    PolicyName: p.name,
    PolicyARN: p.arn,
    PolicyType: p.type,
    AdjustmentType: p.adjustmentType,
    ScalingAdjustment: p.scalingAdjustment,
    MinAdjustmentMagnitude: p.minAdjustmentMagnitude,
    Cooldown: p.cooldown,
    StepAdjustments: p.stepAdjustments?.map((s) => ({
      MetricIntervalLowerBound: s.lower,
      MetricIntervalUpperBound: s.upper,
      ScalingAdjustment: s.adjustment,
    })),
    MetricAggregationType: p.metricAggregationType,
    EstimatedInstanceWarmup: p.estimatedInstanceWarmup,
    Alarms: alarms.map((a) => ({ AlarmName: a.name, AlarmARN: a.arn })),
    TargetTrackingConfiguration: p.targetTracking && {
      PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
      TargetValue: p.targetTracking.targetValue,
      DisableScaleIn: p.targetTracking.disableScaleIn,
    },
    Enabled: p.enabled,
  };
}

const describePolicies = action<DescribePoliciesType, PoliciesType>(DescribePolicies$, (input, { records }) => {
  const group = input.AutoScalingGroupName;
  if (group) findGroup(records, group);
  const names = input.PolicyNames;
  const types = input.PolicyTypes;
  const selected = (records.scalingPolicies ?? []).filter(
    (p) =>
      (!group || p.groupName === group) &&
      (!names?.length || names.includes(p.name) || names.includes(p.arn)) &&
      (!types?.length || types.includes(p.type)),
  );
  const page = paginate(selected, { token: input.NextToken, size: input.MaxRecords }, autoScalingRules('policies'));
  return { ScalingPolicies: page.items.map((p) => policyShape(p, records)), NextToken: page.next };
});

const deletePolicy = action<DeletePolicyType, object>(DeletePolicy$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const policy = findPolicy(records, input.AutoScalingGroupName, required(input.PolicyName, 'policyName'));
  if (policy.type === 'TargetTrackingScaling')
    deleteMetricAlarmRecords(
      records,
      (policy.alarms ?? []).map((a) => a.name),
      context.now,
    );
  records.scalingPolicies = policiesOf(records).filter((p) => p !== policy);
  context.world.changed();
  return {};
});

const executePolicyAction = action<ExecutePolicyType, object>(ExecutePolicy$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const policy = findPolicy(records, input.AutoScalingGroupName, required(input.PolicyName, 'policyName'));
  if (policy.type === 'TargetTrackingScaling')
    throw validationError('ExecutePolicy is not supported for a target tracking scaling policy.');
  if (policy.type === 'StepScaling' && (input.MetricValue === undefined || input.BreachThreshold === undefined))
    throw validationError('MetricValue and BreachThreshold are required for a step scaling policy.');
  const outcome = executePolicy(context.world, records, policy, {
    at: context.now,
    metricValue: input.MetricValue,
    threshold: input.BreachThreshold,
    honorCooldown: input.HonorCooldown ?? false,
  });
  if (!outcome.changed && outcome.reason === 'cooldown')
    throw new PracticeError(
      'ScalingActivityInProgress',
      'The scaling policy cannot be executed while the group is in its cooldown period.',
    );
  if (outcome.changed) context.world.changed();
  return {};
});

export const autoScalingPolicyActions = {
  PutScalingPolicy: putScalingPolicy,
  DescribePolicies: describePolicies,
  DeletePolicy: deletePolicy,
  ExecutePolicy: executePolicyAction,
};
